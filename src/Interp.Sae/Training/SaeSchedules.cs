namespace Interp.Sae.Training;

/// <summary>The learning-rate and sparsity-coefficient schedules (SAELens' constant schedule with linear warm-up and decay).</summary>
public static class SaeSchedules
{
    /// <summary>
    /// The learning rate at <paramref name="step"/> (0-based): linear warm-up from 0 over <c>LrWarmUpSteps</c>, constant,
    /// then linear decay to 0 over the last <c>LrDecaySteps</c>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="step">The step.</param>
    public static double LearningRate(SaeTrainingOptions options, int step)
    {
        ArgumentNullException.ThrowIfNull(options);
        double lr = options.LearningRate;
        if (options.LrWarmUpSteps > 0 && step < options.LrWarmUpSteps) return lr * (step + 1) / options.LrWarmUpSteps;
        int decayStart = options.TotalSteps - options.LrDecaySteps;
        if (options.LrDecaySteps > 0 && step >= decayStart) return lr * (options.TotalSteps - step) / (double)options.LrDecaySteps;
        return lr;
    }

    /// <summary>The sparsity coefficient at <paramref name="step"/>: linear warm-up from 0 over <c>SparsityWarmUpSteps</c> (<c>l1_warm_up_steps</c>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="step">The step.</param>
    public static double SparsityCoefficient(SaeTrainingOptions options, int step)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SparsityWarmUpSteps > 0 && step < options.SparsityWarmUpSteps) return options.SparsityCoefficient * (step + 1) / options.SparsityWarmUpSteps;
        return options.SparsityCoefficient;
    }
}
