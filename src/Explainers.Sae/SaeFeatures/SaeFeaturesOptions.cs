using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Sae.SaeFeatures;

/// <summary>Options of <see cref="SaeFeatures"/> (configuration section <c>Interp:Explainers:SaeFeatures</c>).</summary>
public sealed class SaeFeaturesOptions : ExplainerOptions
{
    /// <summary>An SAE file (Interp.Sae safetensors); empty: explain the hook's own coordinates (neurons). The request's <c>SaePath</c> wins.</summary>
    public string? SaePath { get; set; }

    /// <summary>Features (or neurons) to explain, after the request's; empty: the most active on the prompt.</summary>
    public int[] Features { get; set; } = [];

    /// <summary>Cards made when no feature is named: the features with the largest activation on the prompt.</summary>
    [Range(1, 1000)]
    public int TopFeatures { get; set; } = 5;

    /// <summary>Features listed per prompt position in <c>prompt_activations</c>.</summary>
    [Range(0, 1000)]
    public int FeaturesPerPosition { get; set; } = 5;

    /// <summary>Top-activating contexts per card.</summary>
    [Range(1, 1000)]
    public int TopContexts { get; set; } = 10;

    /// <summary>Tokens shown before a context's strongest token.</summary>
    [Range(0, 4096)]
    public int ContextBefore { get; set; } = 10;

    /// <summary>Tokens shown after it.</summary>
    [Range(0, 4096)]
    public int ContextAfter { get; set; } = 4;

    /// <summary>Bins of the activation histogram.</summary>
    [Range(1, 1000)]
    public int HistogramBins { get; set; } = 20;

    /// <summary>Boosted and suppressed output tokens listed (0 = none).</summary>
    [Range(0, 1000)]
    public int TopLogits { get; set; } = 10;

    /// <summary>Multiply the residual direction by the final norm's weight before W_U.</summary>
    public bool UseFinalNorm { get; set; } = true;

    /// <summary>A text file (one document per line) scanned for contexts when the request carries no corpus.</summary>
    public string? CorpusPath { get; set; }

    /// <summary>Corpus tokens scanned from <see cref="CorpusPath"/>.</summary>
    [Range(2, 10_000_000)]
    public int CorpusTokens { get; set; } = 8192;

    /// <summary>Tokens per corpus window.</summary>
    [Range(2, 1_000_000)]
    public int CorpusContext { get; set; } = 128;

    /// <summary>Steering multipliers of (largest corpus activation × direction); empty = 0 (baseline) and 2.</summary>
    public double[] SteeringMultipliers { get; set; } = [];

    /// <summary>Tokens generated per steered run (0 = no steering).</summary>
    [Range(0, 4096)]
    public int SteeringSteps { get; set; } = 20;

    /// <summary>Sampling temperature of steered runs (0 = greedy).</summary>
    [Range(0.0, 10.0)]
    public float SteeringTemperature { get; set; }
}
