using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Importers.Onnx;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ONNX → TorchSharp importer to an Interp host.</summary>
public static class OnnxImporterServiceCollectionExtensions
{
    /// <summary>Registers the importer as a <c>.onnx</c> loader for explainers that need gradients or hooks (after ONNX Runtime's).</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddOnnxImporter(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IModelLoader, OnnxImportLoader>();
        return builder;
    }
}
