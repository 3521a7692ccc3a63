using Interp.Explainers.Toolkit.Perturbation;
using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Derived attribution requests: the same request on another model, or on new rows of the attributed input.</summary>
internal static class RequestRows
{
    /// <summary>The request with another model (everything else shared).</summary>
    public static AttributionRequest WithModel(AttributionRequest request, IModel model) => Copy(request, model, request.Inputs, request.Baselines, request.Targets, request.FeatureMask, request.GroupedMask);

    /// <summary>
    /// A request whose row r is <paramref name="attributed"/> row r, belonging to example <paramref name="examples"/>[r]:
    /// the other inputs, per-example baselines, targets and masks are gathered from that example.
    /// </summary>
    public static AttributionRequest ForRows(AttributionRequest request, NdArray<float> attributed, int[] examples)
    {
        int n = request.Inputs[request.InputIndex].Shape[0];
        var inputs = request.Inputs.Select((t, i) => i == request.InputIndex ? attributed : PerturbedBatch.Gather(t, examples)).ToList();
        return Copy(
            request,
            request.Model,
            inputs,
            PerExample(request.Baselines, n, examples),
            request.Targets is { Count: > 1 } t ? examples.Select(e => t[e]).ToArray() : request.Targets,
            PerExample(request.FeatureMask, n, examples),
            PerExample(request.GroupedMask, n, examples));
    }

    private static NdArray<T>? PerExample<T>(NdArray<T>? rows, int examples, int[] gather) where T : unmanaged, System.Numerics.INumber<T> =>
        rows is not null && examples > 1 && rows.Shape[0] == examples ? (NdArray<T>)PerturbedBatch.Gather(rows, gather) : rows;

    private static AttributionRequest Copy(AttributionRequest r, IModel model, IReadOnlyList<INdArray> inputs, NdArray<float>? baselines, IReadOnlyList<int>? targets, NdArray<int>? featureMask, NdArray<int>? groupedMask) => new()
    {
        Model = model,
        Inputs = inputs,
        InputIndex = r.InputIndex,
        Baselines = baselines,
        BaselineValue = r.BaselineValue,
        Targets = targets,
        FeatureMask = featureMask,
        GroupedMask = groupedMask,
        AllowNonFinite = r.AllowNonFinite,
        Seed = r.Seed,
        Labels = r.Labels,
    };
}
