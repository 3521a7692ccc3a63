using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers.Loading;
using Interp.Transformers.Models;

namespace Interp.Tests.Mechanistic;

/// <summary>shared/reference/gpt2_tiny as a fresh model per test class, its expected.json and requests on its tokens.</summary>
internal sealed class Gpt2Tiny : IDisposable
{
    public Gpt2Tiny()
    {
        var loaded = HuggingFaceLoader.Load(Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny"));
        Model = new HookedTransformerModel(loaded.Model, loaded.Tokenizer, new ModelSource("gpt2_tiny", null, "huggingface"));
        Expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("gpt2_tiny", "expected.json"))).RootElement;
        Tokens = Ints(Expected.GetProperty("tokens"));
        CorruptedTokens = Ints(Expected.GetProperty("activation_patching").GetProperty("corrupted_tokens"));
    }

    public HookedTransformerModel Model { get; }

    public JsonElement Expected { get; }

    public IReadOnlyList<int> Tokens { get; }

    public IReadOnlyList<int> CorruptedTokens { get; }

    public PromptRequest Clean() => new() { Model = Model, Tokens = Tokens };

    public PromptRequest Patching(IReadOnlyList<int>? corrupted = null) => new() { Model = Model, Tokens = Tokens, CorruptedTokens = corrupted ?? CorruptedTokens };

    public NdArray<float> Array(params string[] path)
    {
        var e = Expected;
        foreach (var p in path) e = e.GetProperty(p);
        return NestedArray.ReadFloat(e, string.Join(".", path));
    }

    public double Number(params string[] path)
    {
        var e = Expected;
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetDouble();
    }

    public void Dispose() => Model.Dispose();

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
}
