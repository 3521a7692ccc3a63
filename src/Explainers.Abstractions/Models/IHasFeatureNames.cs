namespace Interp.Explainers.Models;

/// <summary>Capability: names of the input features (tabular slots), in input order.</summary>
public interface IHasFeatureNames : IModel
{
    /// <summary>One name per scalar of the (flattened) primary input.</summary>
    IReadOnlyList<string> FeatureNames { get; }
}
