using Interp.Transformers.Generation;
using Xunit;

namespace Interp.Tests.Transformers;

/// <summary>
/// stories260K reproduces the two outputs karpathy/llama2.c documents for it (greedy, and temperature 1 / top-p 0.9 /
/// seed 133742), byte for byte as run.c prints them (pieces through safe_printf, then a newline).
/// </summary>
public sealed class Llama2cGenerationTests
{
    [Theory]
    [InlineData("expected_greedy_t0.txt", 0.0f, 0.9f, 0UL)]
    [InlineData("expected_sample_t1_p09_s133742.txt", 1.0f, 0.9f, 133742UL)]
    public void Generation_from_bos_reproduces_llama2c(string expectedFile, float temperature, float topP, ulong seed)
    {
        var expected = File.ReadAllBytes(Path.Combine(Stories260K.Folder, expectedFile));
        var tokenizer = Stories260K.Tokenizer;
        GenerationResult result;
        lock (Stories260K.Model)
        {
            result = TransformerGenerator.Generate(Stories260K.Model, tokenizer.Encode("", addBos: true),
                new GenerationOptions { Steps = 256, Temperature = temperature, TopP = topP, Seed = seed });
        }

        var printed = tokenizer.DecodeBytes(result.Tokens, printableOnly: true).Concat("\n"u8.ToArray()).ToArray();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(printed));
        Assert.Equal(expected, printed);
    }

    [Fact]
    public void Xorshift_matches_the_closed_form_of_run_c()
    {
        // One step of run.c's random_u32 written out independently: x ^= x>>12; x ^= x<<25; x ^= x>>27; (x*M)>>32.
        ulong state = 133742;
        ulong x = 133742;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint expected = (uint)(System.Numerics.BigInteger.Multiply(x, 0x2545F4914F6CDD1DUL) % System.Numerics.BigInteger.Pow(2, 64) >> 32);
        Assert.Equal(expected, Llama2cSampler.RandomU32(ref state));
        Assert.Equal(x, state);
        float f = Llama2cSampler.RandomF32(ref state);
        Assert.InRange(f, 0f, 1f - 1e-9f);
    }
}
