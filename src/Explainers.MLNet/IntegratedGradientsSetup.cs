using Interp.Explainers.Attribution.IntegratedGradients;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>IntegratedGradients on an ONNX model: located (or given) at creation, imported into TorchSharp at Fit.</summary>
internal sealed class IntegratedGradientsSetup : ExplainerSetup
{
    private readonly byte[] _onnx;
    private readonly IntegratedGradientsEstimatorOptions _options;

    public IntegratedGradientsSetup(MLContext ml, ITransformer? chain, IntegratedGradientsEstimatorOptions options)
    {
        Context = ml;
        _options = options;
        string source;
        if (options.OnnxModelPath is { } path)
        {
            if (!File.Exists(path)) throw new InterpException($"{Name}: ONNX file '{path}' does not exist.");
            _onnx = File.ReadAllBytes(path);
            source = $"ONNX file '{path}'";
        }
        else
        {
            _onnx = OnnxInChain.Extract(ml, chain!, Name);
            source = "the chain's ONNX model";
        }

        var inputs = OnnxInChain.InputNames(_onnx, source);
        if (inputs.Count != 1) throw new InterpException($"{Name}: {source} has {inputs.Count} inputs ({string.Join(", ", inputs)}); the ML.NET surface explains models with one float input.");
        InputColumn = inputs[0];
    }

    public override MLContext Context { get; }

    public override string Name => "IntegratedGradients";

    public override string InputColumn { get; }

    public override IReadOnlyList<(string Name, bool IsVector)> OutputShape => [(_options.OutputColumnName, true), (_options.DeltaColumnName, false)];

    public override int WindowRows => _options.WindowRows;

    public override IWindowExplainer Fit(IDataView data)
    {
        var device = MLNetDevice.Resolve(Context, _options.Device);
        var model = OnnxInChain.Import(_onnx, device);
        return new Window(model, InputColumn, _options);
    }

    /// <summary>One IntegratedGradients request per window.</summary>
    private sealed class Window : IWindowExplainer, IDisposable
    {
        private readonly ImportedOnnxModel _model;
        private readonly IntegratedGradientsEstimatorOptions _options;
        private readonly IntegratedGradients _explainer;
        private readonly int[] _shape;

        public Window(ImportedOnnxModel model, string input, IntegratedGradientsEstimatorOptions options)
        {
            _model = model;
            _options = options;
            _explainer = new IntegratedGradients(options.Explainer);
            var spec = model.Inputs[0];
            if (spec.Shape.Skip(1).Any(d => d <= 0)) throw new InterpException($"IntegratedGradients: the ONNX input '{input}' has shape {NdArray<float>.Format(spec.Shape)}; the ML.NET surface needs fixed sizes after the batch axis.");
            _shape = spec.Shape.Skip(1).ToArray();
            InputColumn = input;
            InputWidth = _shape.Aggregate(1, (a, b) => a * b);
            Columns = [new ExplanationColumn(options.OutputColumnName, InputWidth), new ExplanationColumn(options.DeltaColumnName, 0)];
        }

        public string InputColumn { get; }

        public int InputWidth { get; }

        public IReadOnlyList<ExplanationColumn> Columns { get; }

        public float[][] Explain(float[] rows, int count, long firstRow, CancellationToken cancellationToken)
        {
            var x = new NdArray<float>(rows.AsSpan(0, count * InputWidth).ToArray(), [count, .. _shape]);
            var targets = _options.Target is int t ? Enumerable.Repeat(t, count).ToArray() : Predicted(x, cancellationToken);
            var request = new AttributionRequest { Model = _model, Inputs = [x], Targets = targets, BaselineValue = _options.BaselineValue };
            var e = _explainer.ExplainAsync(request, cancellationToken).GetAwaiter().GetResult();
            var delta = e.ConvergenceDelta ?? new double[count];
            return [e.Attributions.Data, Array.ConvertAll(delta, v => (float)v)];
        }

        public void Dispose() => _model.Dispose();

        private int[] Predicted(NdArray<float> x, CancellationToken cancellationToken)
        {
            var y = _model.Predict([x], cancellationToken);
            int n = x.Shape[0], k = y.Length / n;
            var result = new int[n];
            for (int r = 0; r < n; r++)
            {
                var row = y.Data.AsSpan(r * k, k);
                int best = 0;
                for (int j = 1; j < k; j++) if (row[j] > row[best]) best = j;
                result[r] = best;
            }

            return result;
        }
    }
}
