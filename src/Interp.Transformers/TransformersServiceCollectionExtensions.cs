using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Transformers.Models;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds hooked transformers (llama2.c checkpoints, HuggingFace GPT-2/Llama folders) to an Interp host.</summary>
public static class TransformersServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="TransformerModelLoader"/>: <c>--model stories260K.bin</c> or <c>--model &lt;folder&gt;</c>.</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddTransformers(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IModelLoader, TransformerModelLoader>();
        return builder;
    }
}
