using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// TreeSHAP (Lundberg et al. 2018): exact SHAP values of tree ensembles (FastTree, FastForest, LightGBM) in
/// polynomial time. Path-dependent mode uses node covers and gives raw-score values per output with the expected value
/// as base; values add up to the raw score exactly. SHAP interaction values on request.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local (+ global summary) | ITreeEnsembleModel | trees (ML.NET, LightGBM) | no | yes | O(rows · trees · leaves · depth) with Fast TreeSHAP tables, else · depth² |
/// </remarks>
[Explainer("TreeShap", ExplainerLevel.Local, typeof(TreeShapOptions),
    RequiredCapabilities = [typeof(ITreeEnsembleModel)],
    Description = "Exact SHAP values of tree ensembles (path-dependent or interventional), with interaction values.")]
public sealed class TreeShap : ExplainerBase<ShapRequest, ShapExplanation, TreeShapOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public TreeShap(TreeShapOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<ShapExplanation> ExplainAsync(ShapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Model is not ITreeEnsembleModel model) throw new MissingCapabilityException(Name, typeof(ITreeEnsembleModel), request.Model);
        var ensemble = model.Ensemble;
        var data = CheckRows(request.Data, ensemble.FeatureCount, "data");
        int rows = request.Data.Shape[0];
        int threads = Options.Threads == 0 ? Environment.ProcessorCount : Options.Threads;
        bool interventional = Options.FeaturePerturbation == "interventional" || (Options.FeaturePerturbation == "auto" && request.Background is not null);
        if (!interventional && Options.ModelOutput == "probability")
        {
            throw new InterpException("probability output needs interventional SHAP with a background set (path-dependent values cannot be exact after a sigmoid).");
        }

        if (interventional)
        {
            if (request.Background is null) throw new InterpException("interventional SHAP needs a background set (ShapRequest.Background; interp shap --background).");
            if (Options.Interactions) throw new InterpException("interaction values are path-dependent only; leave out the background set or Interactions.");
            return Task.FromResult(Interventional(request, ensemble, data, rows, threads, cancellationToken));
        }

        var shap = new TreeShapCalculator(ensemble);
        var phi = shap.ShapValues(data, threads, cancellationToken);
        var baseValues = new double[rows * ensemble.OutputCount];
        for (int r = 0; r < rows; r++) for (int k = 0; k < ensemble.OutputCount; k++) baseValues[(r * ensemble.OutputCount) + k] = shap.ExpectedValues[k];
        var interactions = Options.Interactions ? shap.InteractionValues(data, threads, cancellationToken) : null;
        var explanation = ShapResult.Build(this, request, shap.Players, ensemble.OutputCount, baseValues, phi, interactions, "tree_path_dependent", "raw");
        return Task.FromResult(explanation);
    }

    private ShapExplanation Interventional(ShapRequest request, TreeEnsemble ensemble, double[] data, int rows, int threads, CancellationToken cancellationToken)
    {
        var background = CheckRows(request.Background, ensemble.FeatureCount, "background");
        var shap = new InterventionalTreeShap(ensemble, background);
        int k = ensemble.OutputCount;
        var baseValues = new double[rows * k];
        double[] phi;
        if (Options.ModelOutput == "probability")
        {
            phi = shap.ProbabilityValues(data, out var baseValue, threads, cancellationToken);
            Array.Fill(baseValues, baseValue);
        }
        else
        {
            phi = shap.ShapValues(data, threads, cancellationToken);
            for (int r = 0; r < rows; r++) for (int o = 0; o < k; o++) baseValues[(r * k) + o] = shap.ExpectedValues[o];
        }

        return ShapResult.Build(this, request, shap.Players, k, baseValues, phi, null, "interventional", Options.ModelOutput);
    }

    private static double[] CheckRows(NdArray<double>? rows, int features, string what)
    {
        if (rows is null) throw new InterpException($"The {what} set is missing.");
        if (rows.Shape.Count != 2 || rows.Shape[1] != features)
        {
            throw new InterpException($"The {what} set has shape {NdArray<double>.Format(rows.Shape)}; the model reads rows of {features} features ([rows, {features}]).");
        }

        if (rows.Shape[0] == 0) throw new InterpException($"The {what} set is empty.");
        return rows.Data;
    }
}
