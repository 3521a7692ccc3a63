using Interp.Explainers.Models;
using Interp.Sae.Collection;
using Interp.Tests.Cli;
using Interp.Transformers.Loading;
using Interp.Transformers.Models;

namespace Interp.Tests.Sae;

/// <summary>stories260K and the TinyStories sample for the SAE tests.</summary>
internal sealed class StoriesKit : IDisposable
{
    public static readonly string Checkpoint = Path.Combine(TestPaths.Shared, "data", "stories260K", "stories260K.bin");
    public static readonly string Text = Path.Combine(TestPaths.Shared, "data", "text", "tinystories_sample_197k.txt");

    public StoriesKit()
    {
        TorchSharp.torch.set_num_threads(1);
        var loaded = TransformerLoader.Load(Checkpoint);
        Model = new HookedTransformerModel(loaded.Model, loaded.Tokenizer, new ModelSource(Checkpoint, null, loaded.Format));
    }

    public HookedTransformerModel Model { get; }

    public List<int[]> Windows(int context, int count, long skip = 0) => TextCorpus.Windows(Model.Tokenizer!, Text, context, skip).Take(count).ToList();

    public void Dispose() => Model.Dispose();
}
