namespace Interp.Explainers.Models;

/// <summary>Capability: the exact structure of a tree ensemble (for TreeSHAP).</summary>
public interface ITreeEnsembleModel : IModel
{
    /// <summary>The trees, their weights and the bias.</summary>
    TreeEnsemble Ensemble { get; }
}
