using Interp.Explainers.Models;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace Interp.Backends.MLNet;

/// <summary>
/// An ML.NET linear model (SDCA, L-BFGS, OLS, online gradient descent regression; linear binary classifiers, calibrated
/// or not) as an <see cref="MLNetModel"/> that also exposes its weights and bias (<see cref="LinearModelParameters"/>).
/// The raw score is the <c>Score</c> column (the margin for binary classifiers).
/// </summary>
public sealed class MLNetLinearModel : MLNetModel, ILinearModel
{
    internal MLNetLinearModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelSource source, MLNetOutput output)
        : base(ml, transformer, inputSchema, source, output)
    {
        var linear = Parameters(Predictor) ?? throw new InvalidOperationException("Not a linear model.");
        var weights = new double[FeatureCount];
        int i = 0;
        foreach (var w in linear.Weights)
        {
            if (i < weights.Length) weights[i] = w;
            i++;
        }

        Weights = [weights];
        Bias = [linear.Bias];
        Link = output == MLNetOutput.Probability && Predictor.Model is CalibratedModelParametersBase { Calibrator: PlattCalibrator platt }
            ? new OutputLink(LinkFunction.Logistic, -platt.Slope, -platt.Offset)
            : OutputLink.Identity;
    }

    /// <inheritdoc />
    public IReadOnlyList<double[]> Weights { get; }

    /// <inheritdoc />
    public IReadOnlyList<double> Bias { get; }

    /// <inheritdoc />
    public OutputLink Link { get; }

    internal static bool IsLinear(ISingleFeaturePredictionTransformer<object> predictor) => Parameters(predictor) is not null;

    private static LinearModelParameters? Parameters(ISingleFeaturePredictionTransformer<object> predictor) =>
        (predictor.Model is CalibratedModelParametersBase c ? c.SubModel : predictor.Model) as LinearModelParameters;
}
