using System.Globalization;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Toolkit.Perturbation;

/// <summary>
/// A validated attribution request against a predictor: input shapes checked against the model's signature,
/// NaN/Inf rejected unless allowed, baselines and masks broadcast per example, targets checked against the model's
/// output size (from the first evaluation, which also gives f(x)).
/// </summary>
public sealed class AttributionSetup
{
    private readonly NdArray<float>? _baselines;
    private readonly float _baselineValue;
    private float[]? _constantBaseline;

    private AttributionSetup(AttributionRequest request, IPredictor model, NdArray<float> input)
    {
        Request = request;
        Model = model;
        Input = input;
        _baselines = request.Baselines;
        _baselineValue = request.BaselineValue;
        Examples = input.Shape[0];
        ExampleShape = input.RowShape;
        ExampleLength = input.RowLength;
    }

    /// <summary>The request.</summary>
    public AttributionRequest Request { get; }

    /// <summary>The model.</summary>
    public IPredictor Model { get; }

    /// <summary>The attributed input [N, ...].</summary>
    public NdArray<float> Input { get; }

    /// <summary>The attributed input's element type as the model takes it (float, or long/int for token ids).</summary>
    public Type InputElementType { get; private init; } = typeof(float);

    /// <summary>Rows of the attributed input (held as floats) as the model's input: [count, ...example shape] of <see cref="InputElementType"/>.</summary>
    /// <param name="rows">Row-major values.</param>
    /// <param name="count">Number of rows.</param>
    public INdArray ToModelInput(float[] rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int[] shape = [count, .. ExampleShape];
        if (InputElementType == typeof(long)) return new NdArray<long>(rows.Select(v => (long)Math.Round(v)).ToArray(), shape);
        if (InputElementType == typeof(int)) return new NdArray<int>(rows.Select(v => (int)Math.Round(v)).ToArray(), shape);
        return new NdArray<float>(rows, shape);
    }

    /// <summary>Number of examples N.</summary>
    public int Examples { get; }

    /// <summary>Shape of one example.</summary>
    public int[] ExampleShape { get; }

    /// <summary>Scalars per example.</summary>
    public int ExampleLength { get; }

    /// <summary>Output values per example (known after <see cref="Create"/>).</summary>
    public int OutputLength { get; private set; }

    /// <summary>The model outputs at the inputs [N, ...].</summary>
    public NdArray<float> OutputsAtInput { get; private set; } = null!;

    /// <summary>Target per example (index into the flattened per-example output).</summary>
    public int[] Targets { get; private set; } = [];

    /// <summary>f(x)[target] per example.</summary>
    public float[] TargetAtInput { get; private set; } = [];

    /// <summary>Validates the request and evaluates the model once at the inputs.</summary>
    /// <param name="request">The request.</param>
    /// <param name="allowNonFinite">Accept NaN/Inf (also accepted when the request allows it).</param>
    /// <param name="evaluator">Counts the first model call.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="InterpException">A field of the request does not fit the model; the message names it.</exception>
    /// <param name="allowBaselineDistribution">Accept baselines [B, ...] with any B (a distribution of baselines).</param>
    /// <param name="rowsPerCall">Evaluate f(x) in calls of at most this many examples (0: all at once).</param>
    /// <param name="allowIntegerInput">Accept an integer attributed input (token ids): perturbation and layer methods
    /// replace whole values (e.g. by a baseline id); the values are held as floats (exact below 2^24) and converted back.</param>
    public static AttributionSetup Create(AttributionRequest request, bool allowNonFinite, ModelCallCounter? evaluator = null, CancellationToken cancellationToken = default, bool allowBaselineDistribution = false, int rowsPerCall = 0, bool allowIntegerInput = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Model is not IPredictor model)
        {
            throw new InterpException($"The model ({request.Model.GetType().Name}) cannot predict (no IPredictor capability).");
        }

        ValidateInputs(request, model);
        var attributed = request.Inputs[request.InputIndex];
        NdArray<float> input = attributed switch
        {
            NdArray<float> f => f,
            NdArray<long> l when allowIntegerInput => new NdArray<float>(l.Data.Select(v => (float)v).ToArray(), l.ShapeArray),
            NdArray<int> i when allowIntegerInput => new NdArray<float>(i.Data.Select(v => (float)v).ToArray(), i.ShapeArray),
            _ => throw new InterpException(
                $"inputs[{request.InputIndex}] ('{model.Inputs[request.InputIndex].Name}') must be a float input to be attributed by this method; it is {attributed.ElementType.Name} " +
                "(token ids: use a layer method on the embeddings, e.g. layer-integrated-gradients, or a perturbation method)."),
        };

        if (!(allowNonFinite || request.AllowNonFinite))
        {
            RejectNonFinite("inputs", input.Data, input.RowLength);
            if (request.Baselines is { } b) RejectNonFinite("baselines", b.Data, b.RowLength);
            if (!float.IsFinite(request.BaselineValue)) throw new InterpException("baseline value must be finite.");
        }

        var setup = new AttributionSetup(request, model, input) { InputElementType = attributed.ElementType };
        setup.ValidateBroadcast("baselines", request.Baselines?.ShapeArray, allowAnyRows: allowBaselineDistribution);
        setup.ValidateBroadcast("feature_mask", request.FeatureMask?.ShapeArray);
        setup.ValidateBroadcast("grouped_mask", request.GroupedMask?.ShapeArray);

        var outputs = PredictInChunks(model, request.Inputs, setup.Examples, rowsPerCall <= 0 ? setup.Examples : rowsPerCall, evaluator, cancellationToken);

        setup.OutputsAtInput = outputs;
        setup.OutputLength = outputs.RowLength;
        setup.Targets = setup.ResolveTargets(request.Targets);
        setup.TargetAtInput = new float[setup.Examples];
        for (int n = 0; n < setup.Examples; n++) setup.TargetAtInput[n] = outputs.Data[n * setup.OutputLength + setup.Targets[n]];
        return setup;
    }

    /// <summary>
    /// The explanation of this request: the common fields (method, level, options, model, labels, targets, f(x),
    /// model calls) filled in, with <paramref name="attributions"/> of the input's shape.
    /// </summary>
    /// <param name="explainer">The explainer that made it.</param>
    /// <param name="attributions">Row-major attributions, one per scalar of the attributed input.</param>
    /// <param name="counter">The model calls made.</param>
    /// <param name="seed">The seed used, for stochastic methods.</param>
    /// <param name="convergenceDelta">Σ attributions − (f(x) − f(baseline)) per example, for methods that define it; also
    /// reported as the quality number <c>completeness_gap</c>.</param>
    /// <param name="shape">The attributions' shape when it is not the input's (layer methods).</param>
    public AttributionExplanation ToExplanation(IExplainer explainer, float[] attributions, ModelCallCounter counter, int? seed = null, double[]? convergenceDelta = null, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentNullException.ThrowIfNull(counter);
        var explanation = new AttributionExplanation
        {
            Method = explainer.Name,
            Level = explainer.Level,
            Options = explainer.Options,
            Seed = seed,
            Model = Request.Model.Source,
            Labels = Request.Labels,
            Attributions = new NdArray<float>(attributions, shape ?? Input.ShapeArray),
            InputIndex = Request.InputIndex,
            Targets = Targets,
            OutputAtInput = TargetAtInput.Select(v => (double)v).ToArray(),
            ConvergenceDelta = convergenceDelta,
            ModelCalls = counter.ToStats(),
        };
        if (convergenceDelta is not null) explanation.Quality["completeness_gap"] = convergenceDelta;
        return explanation;
    }

    /// <summary>The baseline of example <paramref name="example"/> (broadcast from [1, ...] or the scalar).</summary>
    /// <param name="example">Example index.</param>
    public ReadOnlySpan<float> Baseline(int example)
    {
        if (_baselines is null)
        {
            if (_constantBaseline is null)
            {
                var constant = new float[ExampleLength];
                Array.Fill(constant, _baselineValue);
                _constantBaseline = constant;
            }

            return _constantBaseline;
        }

        return _baselines.Shape[0] == 1 ? _baselines.Row(0) : _baselines.Row(_baselines.Shape[0] == Examples ? example : 0);
    }

    /// <summary>The group id per scalar of example <paramref name="example"/> under <paramref name="kind"/>.</summary>
    /// <param name="kind">Which mask.</param>
    /// <param name="example">Example index.</param>
    /// <exception cref="InterpException">The chosen mask is missing from the request.</exception>
    public int[] Mask(MaskKind kind, int example)
    {
        NdArray<int>? mask = kind switch
        {
            MaskKind.Feature => Request.FeatureMask ?? throw new InterpException("Mask=feature needs a feature_mask in the inputs (inputs.json 'feature_mask' is null or missing).") { IsConfigurationError = true },
            MaskKind.Grouped => Request.GroupedMask ?? throw new InterpException("Mask=grouped needs a grouped_mask in the inputs (inputs.json 'grouped_mask' is missing).") { IsConfigurationError = true },
            _ => null,
        };
        if (mask is null) return Enumerable.Range(0, ExampleLength).ToArray();
        return (mask.Shape[0] == 1 ? mask.Row(0) : mask.Row(example)).ToArray();
    }

    private static NdArray<float> PredictInChunks(IPredictor model, IReadOnlyList<INdArray> inputs, int examples, int chunk, ModelCallCounter? counter, CancellationToken cancellationToken)
    {
        var parts = new List<NdArray<float>>();
        for (int start = 0; start < examples; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, examples - start);
            var slice = count == examples ? inputs : inputs.Select(i => Slice(i, start, count)).ToList();
            var outputs = model.Predict(slice, cancellationToken);
            counter?.Record(count);
            if (outputs.Rank == 0 || outputs.Shape[0] != count)
            {
                throw new InterpException($"Model output '{model.Output.Name}' has shape {NdArray<float>.Format(outputs.Shape)}; expected {count} rows (one per example).");
            }

            parts.Add(outputs);
        }

        if (parts.Count == 1) return parts[0];
        return new NdArray<float>(parts.SelectMany(p => p.Data).ToArray(), [examples, .. parts[0].RowShape]);
    }

    private static INdArray Slice(INdArray input, int start, int count) => input switch
    {
        NdArray<float> f => new NdArray<float>(f.Data.AsSpan(start * f.RowLength, count * f.RowLength).ToArray(), [count, .. f.RowShape]),
        NdArray<long> l => new NdArray<long>(l.Data.AsSpan(start * l.RowLength, count * l.RowLength).ToArray(), [count, .. l.RowShape]),
        NdArray<int> i => new NdArray<int>(i.Data.AsSpan(start * i.RowLength, count * i.RowLength).ToArray(), [count, .. i.RowShape]),
        _ => throw new NotSupportedException($"Input element type {input.ElementType.Name} is not supported."),
    };

    private int[] ResolveTargets(IReadOnlyList<int>? targets)
    {
        if (targets is null)
        {
            if (OutputLength != 1)
            {
                throw new InterpException($"target is missing: model output '{Model.Output.Name}' has {OutputLength} values per example, so a target in 0..{OutputLength - 1} is needed.") { IsConfigurationError = true };
            }

            return new int[Examples];
        }

        if (targets.Count != 1 && targets.Count != Examples)
        {
            throw new InterpException($"target: expected 1 or {Examples} values (one per example), got {targets.Count}.");
        }

        var resolved = new int[Examples];
        for (int n = 0; n < Examples; n++)
        {
            int t = targets.Count == 1 ? targets[0] : targets[n];
            if (t < 0 || t >= OutputLength)
            {
                throw new InterpException($"target {t} is out of range: model output '{Model.Output.Name}' has {OutputLength} values per example (0..{OutputLength - 1}).");
            }

            resolved[n] = t;
        }

        return resolved;
    }

    private void ValidateBroadcast(string field, int[]? shape, bool allowAnyRows = false)
    {
        if (shape is null) return;
        var expected = ExampleShape;
        if (shape.Length != expected.Length + 1 || shape[0] == 0 || (!allowAnyRows && shape[0] != 1 && shape[0] != Examples) || !shape.AsSpan(1).SequenceEqual(expected))
        {
            var rows = allowAnyRows ? "B" : $"1 or {Examples}";
            throw new InterpException(
                $"{field}: expected shape [{rows},{string.Join(",", expected)}] (rows, then the input's shape [{string.Join(",", expected)}]), got {NdArray<float>.Format(shape)}.");
        }
    }

    private static void ValidateInputs(AttributionRequest request, IPredictor model)
    {
        if (request.Inputs.Count != model.Inputs.Count)
        {
            throw new InterpException($"inputs: the model takes {model.Inputs.Count} input(s) ({string.Join(", ", model.Inputs)}), got {request.Inputs.Count}.");
        }

        if (request.InputIndex < 0 || request.InputIndex >= request.Inputs.Count)
        {
            throw new InterpException($"input index {request.InputIndex} is out of range 0..{request.Inputs.Count - 1}.");
        }

        int batch = -1;
        for (int i = 0; i < request.Inputs.Count; i++)
        {
            var given = request.Inputs[i].Shape;
            var spec = model.Inputs[i];
            bool anyShape = spec.Shape.Count == 0; // the model does not declare its input shape (e.g. TorchScript)
            bool rankOk = anyShape || given.Count == spec.Shape.Count;
            bool dimsOk = anyShape || (rankOk && Enumerable.Range(1, given.Count - 1).All(d => spec.Shape[d] < 0 || spec.Shape[d] == given[d]));
            if (given.Count == 0 || !rankOk || !dimsOk || given[0] == 0)
            {
                var want = string.Join(",", spec.ExampleShape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)));
                throw new InterpException(
                    $"inputs: each example must have shape [{want}] (model input '{spec.Name}'), got examples of shape {NdArray<float>.Format(given.Skip(1))} ({given[0]} example(s)).");
            }

            if (batch >= 0 && given[0] != batch)
            {
                throw new InterpException($"inputs: all inputs need the same number of examples; input '{spec.Name}' has {given[0]}, expected {batch}.");
            }

            batch = given[0];
        }
    }

    private static void RejectNonFinite(string field, float[] data, int rowLength)
    {
        for (int i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                int row = rowLength == 0 ? 0 : i / rowLength;
                throw new InterpException(
                    $"{field}: example {row}, element {i - row * rowLength} is {data[i].ToString(CultureInfo.InvariantCulture)}; inputs must be finite (set AllowNonFinite=true to accept them).");
            }
        }
    }
}
