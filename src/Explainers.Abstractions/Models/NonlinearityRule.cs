namespace Interp.Explainers.Models;

/// <summary>How the backward pass treats ReLU nonlinearities.</summary>
public enum NonlinearityRule
{
    /// <summary>The true gradient.</summary>
    Gradient,

    /// <summary>Guided backpropagation (Springenberg et al. 2015): relu(g)·1[x &gt; 0].</summary>
    GuidedBackprop,

    /// <summary>Deconvolution (Zeiler &amp; Fergus 2014): relu(g).</summary>
    Deconvolution,
}
