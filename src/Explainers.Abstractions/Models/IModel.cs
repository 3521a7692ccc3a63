namespace Interp.Explainers.Models;

/// <summary>
/// A model adapter. Adapters implement the capability interfaces they can honestly provide
/// (<see cref="IPredictor"/>, <see cref="IDifferentiable"/>, <see cref="IHookable"/>,
/// <see cref="ITreeEnsembleModel"/>, <see cref="IHasFeatureNames"/>); explainers ask only for those.
/// </summary>
public interface IModel : IDisposable
{
    /// <summary>Where the model came from (file and content hash), written into every explanation.</summary>
    ModelSource Source { get; }
}
