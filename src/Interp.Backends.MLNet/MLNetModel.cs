using System.IO.Compression;
using System.Security.Cryptography;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Interp.Backends.MLNet;

/// <summary>
/// Any ML.NET <see cref="ITransformer"/> (a saved <c>.zip</c> or an in-memory fitted chain) as a batched predictor
/// over its trainer's feature vector: [batch, slots] floats in, <c>Score</c> (or <c>Probability</c>) out. Feature names
/// are the slot names; <see cref="FeatureSourceColumns"/> tells which column each slot comes from, so one-hot slots can
/// be grouped back. <see cref="Featurize"/> turns raw rows into feature vectors with the model's own featurizer. Tree
/// ensembles load as <see cref="MLNetTreeModel"/>.
/// </summary>
public class MLNetModel : IPredictor, IHasFeatureNames
{
    private readonly MLNetFeatureSlots _slots;
    private readonly string _outputColumn;

    private protected MLNetModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelSource source, MLNetOutput output)
    {
        Context = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        Source = source;
        var pipeline = MLNetPipeline.Split(transformer, source.Path ?? "in-memory model");
        Featurizer = pipeline.Featurizer;
        Predictor = pipeline.Predictor;
        FeatureColumn = Predictor.FeatureColumnName;
        DataViewSchema featurized;
        try
        {
            featurized = Featurizer.GetOutputSchema(inputSchema);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new InterpException($"ML.NET model '{source.Path}': its featurizer does not accept its own input schema: {ex.Message}", ex);
        }

        var column = featurized.GetColumnOrNull(FeatureColumn) ?? throw new InterpException($"ML.NET model '{source.Path}': no feature column '{FeatureColumn}' before the predictor.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: > 0 } && column.Type != NumberDataViewType.Single)
        {
            throw new InterpException($"ML.NET model '{source.Path}': the feature column '{FeatureColumn}' is {column.Type}, expected a fixed-size float vector.");
        }

        _slots = MLNetFeatureSlots.Describe(column, pipeline.ColumnNames(inputSchema));
        var outputSchema = Predictor.GetOutputSchema(featurized);
        _outputColumn = output == MLNetOutput.Probability ? "Probability" : "Score";
        var outColumn = outputSchema.GetColumnOrNull(_outputColumn)
            ?? throw new InterpException($"ML.NET model '{source.Path}' has no '{_outputColumn}' output column (outputs: {string.Join(", ", outputSchema.Select(c => c.Name))}).") { IsConfigurationError = true };
        int outputs = outColumn.Type is VectorDataViewType v ? v.Size : 1;
        Inputs = [new TensorSpec(FeatureColumn, typeof(float), [-1, FeatureCount])];
        Output = new TensorSpec(_outputColumn, typeof(float), [-1, outputs]);
    }

    /// <summary>The ML.NET context the model runs in.</summary>
    public MLContext Context { get; }

    /// <summary>The whole chain (raw input columns to scores).</summary>
    public ITransformer Transformer { get; }

    /// <summary>The raw input columns the chain was saved or fitted with.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>Every step before the predictor (an empty chain for a bare predictor).</summary>
    public ITransformer Featurizer { get; }

    /// <summary>The trainer's transformer (the prediction step).</summary>
    public ISingleFeaturePredictionTransformer<object> Predictor { get; }

    /// <summary>The predictor's feature column.</summary>
    public string FeatureColumn { get; }

    /// <summary>Number of slots of the feature column.</summary>
    public int FeatureCount => _slots.Names.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => _slots.Names;

    /// <summary>Per slot, the column it comes from (e.g. <c>workclass</c> for <c>workclass.Private</c>).</summary>
    public IReadOnlyList<string> FeatureSourceColumns => _slots.Sources;

    /// <summary>The source columns, in slot order.</summary>
    public IReadOnlyList<string> SourceColumns => _slots.Sources.Distinct().ToArray();

    /// <summary>One-hot ranges [start, end] of the feature vector (ML.NET's CategoricalSlotRanges).</summary>
    public IReadOnlyList<(int Start, int End)> CategoricalSlotRanges => _slots.CategoricalRanges;

    /// <inheritdoc />
    public ModelSource Source { get; }

    /// <summary>For a multiclass model that is not a <see cref="MLNetTreeModel"/>, why its trees could not be read; else null.</summary>
    public string? TreesUnavailableReason { get; private init; }

    /// <inheritdoc />
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc />
    public TensorSpec Output { get; }

    /// <summary>Loads an ML.NET model <c>.zip</c>; tree ensembles come back as <see cref="MLNetTreeModel"/>.</summary>
    /// <param name="path">The file saved by <c>mlContext.Model.Save</c>.</param>
    /// <param name="output">Score (default) or Probability.</param>
    /// <param name="ml">The context (default: a new one with seed 0).</param>
    /// <exception cref="InterpException">Missing file, a zip that is not an ML.NET model, or a model ML.NET cannot load.</exception>
    public static MLNetModel Load(string path, MLNetOutput output = MLNetOutput.Score, MLContext? ml = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"ML.NET model file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        CheckZip(bytes, path);
        ml ??= new MLContext(seed: 0);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            using var stream = new MemoryStream(bytes);
            transformer = ml.Model.Load(stream, out schema);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InterpException($"ML.NET model file '{path}' could not be loaded by ML.NET 5.0.1 (saved by another tool or version, or it needs a component that is not referenced): {FirstLine(ex.Message)}", ex);
        }

        var source = new ModelSource(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), "mlnet");
        return Create(ml, transformer, schema, source, output);
    }

    /// <summary>An in-memory fitted chain (or bare prediction transformer) as a model.</summary>
    /// <param name="ml">Its context.</param>
    /// <param name="transformer">The fitted model.</param>
    /// <param name="inputSchema">The schema of the raw data it was fitted on (<c>data.Schema</c>).</param>
    /// <param name="output">Score (default) or Probability.</param>
    public static MLNetModel FromTransformer(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, MLNetOutput output = MLNetOutput.Score)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Create(ml, transformer, inputSchema, new ModelSource(null, null, "mlnet"), output);
    }

    /// <summary>The feature vectors of raw rows, through the model's own featurizer: [rows, slots].</summary>
    /// <param name="data">Raw rows with the model's input columns.</param>
    public NdArray<float> Featurize(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = MLNetColumns.Read(Featurizer.Transform(data), FeatureColumn, FeatureCount);
        return new NdArray<float>(result, result.Length / FeatureCount, FeatureCount);
    }

    /// <summary>The raw input columns the chain reads (columns it can do without, such as the label, are left out).</summary>
    public IReadOnlyList<string> RequiredInputColumns()
    {
        var required = new List<string>();
        foreach (var column in InputSchema)
        {
            var builder = new DataViewSchema.Builder();
            foreach (var other in InputSchema.Where(c => c.Index != column.Index)) builder.AddColumn(other.Name, other.Type, other.Annotations);
            try
            {
                Transformer.GetOutputSchema(builder.ToSchema());
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                required.Add(column.Name);
            }
        }

        return required;
    }

    /// <inheritdoc />
    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        if (inputs.Count != 1 || inputs[0] is not NdArray<float> x || x.Rank != 2 || x.Shape[1] != FeatureCount)
        {
            throw new InterpException($"ML.NET model '{Source.Path}' takes one float input of shape [batch, {FeatureCount}] ({FeatureColumn}); got {string.Join(", ", inputs.Select(i => $"{i.ElementType.Name}{NdArray<float>.Format(i.Shape)}"))}.");
        }

        int batch = x.Shape[0];
        int outputs = Output.Shape[1];
        var scored = Predictor.Transform(ColumnarDataView.Vectors(FeatureColumn, x.Data, FeatureCount));
        return new NdArray<float>(MLNetColumns.Read(scored, _outputColumn, outputs), batch, outputs);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (Transformer as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MLNetModel Create(MLContext ml, ITransformer transformer, DataViewSchema schema, ModelSource source, MLNetOutput output)
    {
        var predictor = MLNetPipeline.Split(transformer, source.Path ?? "in-memory model").Predictor;
        if (MLNetTreeModel.IsTreeEnsemble(predictor)) return new MLNetTreeModel(ml, transformer, schema, source, output);
        if (MLNetLinearModel.IsLinear(predictor)) return new MLNetLinearModel(ml, transformer, schema, source, output);
        if (predictor.Model is not OneVersusAllModelParameters) return new MLNetModel(ml, transformer, schema, source, output);
        try
        {
            return new MLNetTreeModel(ml, transformer, schema, source, output);
        }
        catch (InterpException ex)
        {
            // A multiclass model whose per-class trees cannot be read faithfully (or that is not made of trees) still predicts.
            return new MLNetModel(ml, transformer, schema, source, output) { TreesUnavailableReason = ex.Message };
        }
    }

    private static void CheckZip(byte[] bytes, string path)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (!zip.Entries.Any(e => e.FullName.EndsWith("Model.key", StringComparison.Ordinal)))
            {
                throw new InterpException($"'{path}' is a zip file but not an ML.NET model (no Model.key entry; it holds {string.Join(", ", zip.Entries.Take(5).Select(e => e.FullName))}{(zip.Entries.Count > 5 ? ", ..." : "")}); save models with mlContext.Model.Save.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InterpException($"ML.NET model file '{path}' is not a zip file (truncated or not saved by mlContext.Model.Save): {ex.Message}", ex);
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
