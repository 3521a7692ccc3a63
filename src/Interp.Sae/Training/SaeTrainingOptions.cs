using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace Interp.Sae.Training;

/// <summary>
/// Training hyper-parameters (SAELens' <c>LanguageModelSAERunnerConfig</c> names in each doc). Everything except
/// <see cref="CheckpointEvery"/>, <see cref="CheckpointPath"/> and <see cref="ProgressEvery"/> changes the result, and
/// a resumed run refuses a checkpoint written with other values (<see cref="ResultFingerprint"/>).
/// </summary>
public sealed record SaeTrainingOptions
{
    /// <summary>Optimizer steps (SAELens: <c>training_tokens / train_batch_size_tokens</c>).</summary>
    [Range(1, int.MaxValue)]
    public int TotalSteps { get; init; } = 1000;

    /// <summary>Activations per step (<c>train_batch_size_tokens</c>).</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; init; } = 4096;

    /// <summary>Peak learning rate (<c>lr</c>).</summary>
    public double LearningRate { get; init; } = 3e-4;

    /// <summary>Linear learning-rate warm-up from 0 over this many steps (<c>lr_warm_up_steps</c>).</summary>
    public int LrWarmUpSteps { get; init; }

    /// <summary>Linear decay to 0 over the last this-many steps (<c>lr_decay_steps</c>).</summary>
    public int LrDecaySteps { get; init; }

    /// <summary>Adam β1 (<c>adam_beta1</c>).</summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>Adam β2 (<c>adam_beta2</c>).</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>Adam ε.</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Sparsity coefficient: <c>l1_coefficient</c> of standard and gated, <c>l0_coefficient</c> of jumprelu; topk ignores it.</summary>
    public double SparsityCoefficient { get; init; } = 1.0;

    /// <summary>Linear warm-up of the sparsity coefficient from 0 (<c>l1_warm_up_steps</c>).</summary>
    public int SparsityWarmUpSteps { get; init; }

    /// <summary>The seed of every random choice (initialisation, the store's shuffle buffer, synthetic data).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>How <c>b_dec</c> starts (<c>b_dec_init_method</c>): <c>geometric_median</c>, <c>mean</c> or <c>zeros</c>.</summary>
    public string DecoderBiasInit { get; init; } = "geometric_median";

    /// <summary>Initial decoder row norm of standard and gated (<c>decoder_init_norm</c>); unit-norm architectures use 1.</summary>
    public double DecoderInitNorm { get; init; } = 0.1;

    /// <summary>A feature that has not fired for this many steps is dead (<c>dead_feature_window</c>).</summary>
    public int DeadFeatureWindow { get; init; } = 1000;

    /// <summary>Weight of the auxiliary top-k loss on dead features (<c>aux_loss_coefficient</c>; topk's dead-feature handling). 0 turns it off.</summary>
    public double AuxKCoefficient { get; init; } = 1.0 / 32;

    /// <summary>Dead features used by the auxiliary loss (k_aux); 0 = d_in / 2 (SAELens' default).</summary>
    public int AuxK { get; init; }

    /// <summary>Width of the rectangle kernel of jumprelu's straight-through estimator (<c>jumprelu_bandwidth</c>).</summary>
    public double JumpReluBandwidth { get; init; } = 0.001;

    /// <summary>jumprelu's initial threshold (<c>jumprelu_init_threshold</c>).</summary>
    public double JumpReluInitThreshold { get; init; } = 0.001;

    /// <summary>Write a checkpoint every this many steps (0 = never); does not change the result.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>The checkpoint file (written atomically); does not change the result.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Report progress every this many steps; does not change the result.</summary>
    public int ProgressEvery { get; init; } = 50;

    /// <summary>The options that change the result, one <c>name=value</c> per line (compared on resume).</summary>
    public string ResultFingerprint()
    {
        var sb = new StringBuilder();
        void Add(string name, object value) => sb.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Add(nameof(TotalSteps), TotalSteps);
        Add(nameof(BatchSize), BatchSize);
        Add(nameof(LearningRate), LearningRate.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(LrWarmUpSteps), LrWarmUpSteps);
        Add(nameof(LrDecaySteps), LrDecaySteps);
        Add(nameof(AdamBeta1), AdamBeta1.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(AdamBeta2), AdamBeta2.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(AdamEpsilon), AdamEpsilon.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(SparsityCoefficient), SparsityCoefficient.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(SparsityWarmUpSteps), SparsityWarmUpSteps);
        Add(nameof(Seed), Seed);
        Add(nameof(DecoderBiasInit), DecoderBiasInit);
        Add(nameof(DecoderInitNorm), DecoderInitNorm.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(DeadFeatureWindow), DeadFeatureWindow);
        Add(nameof(AuxKCoefficient), AuxKCoefficient.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(AuxK), AuxK);
        Add(nameof(JumpReluBandwidth), JumpReluBandwidth.ToString("R", CultureInfo.InvariantCulture));
        Add(nameof(JumpReluInitThreshold), JumpReluInitThreshold.ToString("R", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Checks values.</summary>
    /// <exception cref="ArgumentException">An invalid value, named.</exception>
    public void Validate()
    {
        if (TotalSteps <= 0) throw new ArgumentException($"TotalSteps must be positive, got {TotalSteps}.");
        if (BatchSize <= 0) throw new ArgumentException($"BatchSize must be positive, got {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.");
        if (LrWarmUpSteps < 0 || LrDecaySteps < 0 || SparsityWarmUpSteps < 0) throw new ArgumentException("Warm-up and decay step counts must be ≥ 0.");
        if (LrWarmUpSteps + LrDecaySteps > TotalSteps) throw new ArgumentException($"LrWarmUpSteps + LrDecaySteps ({LrWarmUpSteps + LrDecaySteps}) exceed TotalSteps ({TotalSteps}).");
        if (DecoderBiasInit is not ("geometric_median" or "mean" or "zeros")) throw new ArgumentException($"DecoderBiasInit must be geometric_median, mean or zeros, got '{DecoderBiasInit}'.");
        if (SparsityCoefficient < 0 || AuxKCoefficient < 0) throw new ArgumentException("Coefficients must be ≥ 0.");
        if (DeadFeatureWindow <= 0) throw new ArgumentException($"DeadFeatureWindow must be positive, got {DeadFeatureWindow}.");
        if (!(JumpReluBandwidth > 0) || !(JumpReluInitThreshold > 0)) throw new ArgumentException("JumpReluBandwidth and JumpReluInitThreshold must be positive.");
        if (CheckpointEvery < 0) throw new ArgumentException("CheckpointEvery must be ≥ 0.");
        if (CheckpointEvery > 0 && string.IsNullOrWhiteSpace(CheckpointPath)) throw new ArgumentException("CheckpointEvery > 0 needs a CheckpointPath.");
    }
}
