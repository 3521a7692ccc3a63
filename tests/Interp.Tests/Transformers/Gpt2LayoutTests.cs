using System.Text.Json;
using System.Text.Json.Nodes;
using Interp.Transformers.Loading;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>
/// The GPT-2 loader takes the layouts HF writes: names with or without <c>transformer.</c>, the causal-mask buffers
/// <c>attn.bias</c>/<c>attn.masked_bias</c> (ignored), tied heads (no <c>lm_head.weight</c>).
/// </summary>
public sealed class Gpt2LayoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interp-gpt2-layout-").FullName;
    private static readonly string Reference = Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Tensor Tokens() => tensor(new long[] { 55, 55, 8, 36, 87, 77, 12, 19 }).unsqueeze(0);

    private void WriteVariant(bool stripPrefix, bool tied)
    {
        using var scope = NewDisposeScope();
        var file = SafetensorsFile.Open(Path.Combine(Reference, "model.safetensors"));
        var tensors = new Dictionary<string, Tensor>();
        foreach (var name in file.Entries.Keys)
        {
            if (tied && name == "lm_head.weight") continue;
            tensors[stripPrefix ? name.Replace("transformer.", "", StringComparison.Ordinal) : name] = file.Read(name);
        }

        var prefix = stripPrefix ? "" : "transformer.";
        tensors[prefix + "h.0.attn.bias"] = ones(1, 1, 32, 32).tril();
        tensors[prefix + "h.1.attn.masked_bias"] = tensor(-1e4f);
        SafetensorsFile.Write(Path.Combine(_folder, "model.safetensors"), tensors);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Reference, "config.json")))!;
        config["tie_word_embeddings"] = tied;
        File.WriteAllText(Path.Combine(_folder, "config.json"), config.ToJsonString());
    }

    [Fact]
    public void Without_prefix_and_with_mask_buffers_gives_the_same_logits()
    {
        using var scope = NewDisposeScope();
        WriteVariant(stripPrefix: true, tied: false);
        using var original = HuggingFaceLoader.Load(Reference).Model;
        using var variant = HuggingFaceLoader.Load(_folder).Model;
        Assert.True(JsonArrays.Same(original.call(Tokens()), variant.call(Tokens())));
    }

    [Fact]
    public void Tied_head_unembeds_with_the_token_embedding()
    {
        using var scope = NewDisposeScope();
        WriteVariant(stripPrefix: false, tied: true);
        using var model = HuggingFaceLoader.Load(_folder).Model;
        Assert.True(model.Config.TiedUnembed);
        Assert.True(JsonArrays.Same(model.WU, model.WE.t()));
        var (logits, cache) = model.RunWithCache(Tokens(), "ln_final.hook_normalized");
        using (cache)
        {
            var manual = cache["ln_final.hook_normalized"].matmul(model.WE.t());
            Assert.True((manual - logits).abs().max().item<float>() < 1e-5);
        }
    }

    [Fact]
    public void Safetensors_reads_f16_and_bf16()
    {
        var values = new[] { 1.5f, -2.25f, 0.0078125f, 1024f };
        var path = Path.Combine(_folder, "halves.safetensors");
        var f16 = values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();
        var bf16 = values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(v) >> 16))).ToArray();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["a"] = new { dtype = "F16", shape = new[] { 2, 2 }, data_offsets = new[] { 0, 8 } },
            ["b"] = new { dtype = "BF16", shape = new[] { 4 }, data_offsets = new[] { 8, 16 } },
        });
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. f16, .. bf16]);
        var file = SafetensorsFile.Open(path);
        using var a = file.Read("a");
        using var b = file.Read("b");
        Assert.Equal([2L, 2L], a.shape);
        Assert.Equal(values, a.data<float>().ToArray());
        Assert.Equal(values, b.data<float>().ToArray());
    }
}
