using System.Security.Cryptography;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Interp.Backends.Onnx;

/// <summary>
/// An ONNX model on ONNX Runtime as a batched <see cref="IPredictor"/>. Models exported with a fixed batch of 1 are
/// made batchable at load when a rewrite of the leading dimension (and of constant reshapes) is verified to give the
/// same outputs; otherwise batches are evaluated one row at a time. float16 inputs and outputs are converted at the
/// boundary, so callers always see float.
/// </summary>
public sealed class OnnxModel : IPredictor
{
    private readonly InferenceSession _session;
    private readonly OnnxInputBinder _binder;
    private readonly string _outputName;

    private OnnxModel(InferenceSession session, ModelSource source, bool batchable, string outputName, string? note)
    {
        _session = session;
        Source = source;
        IsBatchable = batchable;
        BatchNote = note;
        _outputName = outputName;
        _binder = new OnnxInputBinder(session.InputMetadata);
        Inputs = session.InputMetadata.Select(kv => OnnxTypes.Spec(kv.Key, kv.Value)).ToList();
        Output = OnnxTypes.Spec(outputName, session.OutputMetadata[outputName]);
    }

    /// <inheritdoc />
    public ModelSource Source { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc />
    public TensorSpec Output { get; }

    /// <summary>True when one ONNX Runtime call evaluates a whole batch; false when rows are looped.</summary>
    public bool IsBatchable { get; }

    /// <summary>Why the model is or is not batchable (e.g. "leading dimension rewritten from 1").</summary>
    public string? BatchNote { get; }

    /// <summary>Loads an ONNX file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="device">Where to run (CUDA needs the GPU package of ONNX Runtime).</param>
    /// <param name="outputName">The output to explain (default: the first).</param>
    /// <exception cref="InterpException">Missing, truncated or invalid file, or an unknown output name.</exception>
    public static OnnxModel Load(string path, ComputeDevice? device = null, string? outputName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"Model file '{path}' does not exist.");
        return FromBytes(File.ReadAllBytes(path), path, device, outputName);
    }

    /// <summary>Loads an ONNX model held in memory (e.g. rewritten by <see cref="OnnxModelRewriter"/>).</summary>
    /// <param name="bytes">The serialized model.</param>
    /// <param name="path">The file it came from, for messages and provenance.</param>
    /// <param name="device">Where to run.</param>
    /// <param name="outputName">The output to explain (default: the first).</param>
    /// <exception cref="InterpException">Invalid model or unknown output name.</exception>
    public static OnnxModel FromBytes(byte[] bytes, string path, ComputeDevice? device = null, string? outputName = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new InterpException($"Model file '{path}' is empty; expected an ONNX model.");
        var source = new ModelSource(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), "onnx");

        InferenceSession original = CreateSession(bytes, path, device);
        var output = outputName ?? original.OutputMetadata.Keys.First();
        if (!original.OutputMetadata.ContainsKey(output))
        {
            original.Dispose();
            throw new InterpException($"Model file '{path}' has no output '{output}'; outputs: {string.Join(", ", original.OutputMetadata.Keys)}.");
        }

        bool fixedBatchOne = original.InputMetadata.Values.Any(m => m.Dimensions.Length > 0 && m.Dimensions[0] == 1);
        if (!fixedBatchOne) return new OnnxModel(original, source, true, output, "dynamic batch dimension");

        var rewritten = OnnxBatchRewriter.TryMakeBatchable(bytes);
        if (rewritten is null) return new OnnxModel(original, source, false, output, "fixed batch of 1; evaluated row by row");
        InferenceSession? batched = null;
        try
        {
            batched = CreateSession(rewritten, path, device);
            if (OnnxBatchRewriter.AgreesWith(original, batched, output))
            {
                original.Dispose();
                return new OnnxModel(batched, source, true, output, "fixed batch of 1 rewritten to a dynamic batch (verified)");
            }
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or InterpException)
        {
            // The rewrite did not produce a valid model: evaluate row by row instead.
        }

        batched?.Dispose();
        return new OnnxModel(original, source, false, output, "fixed batch of 1; evaluated row by row");
    }

    /// <inheritdoc />
    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != Inputs.Count)
        {
            throw new InterpException($"The model takes {Inputs.Count} input(s) ({string.Join(", ", Inputs)}), got {inputs.Count}.");
        }

        int batch = inputs[0].Shape[0];
        if (IsBatchable || batch == 1) return Run(inputs, cancellationToken);

        NdArray<float>? first = null;
        float[]? data = null;
        for (int b = 0; b < batch; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = Run(inputs.Select(i => OnnxInputBinder.Slice(i, b)).ToList(), cancellationToken);
            if (first is null)
            {
                first = row;
                data = new float[batch * row.Length];
            }

            row.Data.CopyTo(data!, b * row.Length);
        }

        return new NdArray<float>(data!, [batch, .. first!.RowShape]);
    }

    private NdArray<float> Run(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var values = _binder.Bind(inputs, Inputs);
        try
        {
            using var results = _session.Run(values.Values, [_outputName]);
            return OnnxTypes.ToFloat(results[0]);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InterpException($"ONNX Runtime failed on model '{Source.Path}': {ex.Message}", ex);
        }
    }

    private static InferenceSession CreateSession(byte[] bytes, string path, ComputeDevice? device)
    {
        var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        try
        {
            if (device is { IsCuda: true })
            {
                try
                {
                    options.AppendExecutionProvider_CUDA(device.Index);
                }
                catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    throw new InterpException($"ONNX Runtime cannot use {device} for '{path}' (the CUDA build of ONNX Runtime is needed): {FirstLine(ex.Message)}", ex);
                }
            }

            return new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InterpException($"Model file '{path}' is not a valid ONNX model (truncated or corrupt?): {FirstLine(ex.Message)}", ex);
        }
        finally
        {
            options.Dispose();
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
