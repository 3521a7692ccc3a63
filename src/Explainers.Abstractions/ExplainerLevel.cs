namespace Interp.Explainers;

/// <summary>The level at which an explainer explains a model.</summary>
public enum ExplainerLevel
{
    /// <summary>Overall behaviour of the model over a data set (permutation importance, mean |SHAP|).</summary>
    Global,

    /// <summary>One prediction (Integrated Gradients, feature ablation, occlusion, LIME, SHAP).</summary>
    Local,

    /// <summary>Learned representations (sparse autoencoders, probes).</summary>
    Concept,

    /// <summary>Circuits inside the model (attention patterns, logit lens, activation patching).</summary>
    Mechanistic,
}
