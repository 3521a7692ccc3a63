using System.Text;
using Interp.Transformers.Tokenizers;
using Xunit;

namespace Interp.Tests.Transformers;

public sealed class Llama2cTokenizerTests
{
    [Fact]
    public void Round_trips_the_tinystories_sample()
    {
        var tokenizer = Stories260K.Tokenizer;
        var lines = File.ReadLines(Path.Combine(TestPaths.Shared, "data", "text", "tinystories_sample_197k.txt")).Take(5000).ToList();
        Assert.True(lines.Count > 1000);
        long tokens = 0, characters = 0;
        foreach (var line in lines)
        {
            var ids = tokenizer.Encode(line, addBos: true);
            Assert.Equal(Llama2cTokenizer.Bos, ids[0]);
            Assert.Equal(line, tokenizer.Decode(ids));
            tokens += ids.Count;
            characters += line.Length;
        }

        // BPE must compress: well under one token per character on in-distribution text.
        Assert.True(tokens < characters * 0.6, $"{tokens} tokens for {characters} characters");
    }

    [Fact]
    public void Merges_follow_scores_and_fall_back_to_bytes()
    {
        var tokenizer = Stories260K.Tokenizer;
        // Every merge result is a vocabulary piece and no adjacent pair of the result can still merge.
        var ids = tokenizer.Encode("Once upon a time, there was a little girl.", addBos: false);
        for (int i = 0; i + 1 < ids.Count; i++)
        {
            var joined = Encoding.UTF8.GetString(tokenizer.Piece(ids[i])) + Encoding.UTF8.GetString(tokenizer.Piece(ids[i + 1]));
            Assert.DoesNotContain(Enumerable.Range(0, tokenizer.VocabSize), t => Encoding.UTF8.GetString(tokenizer.Piece(t)) == joined);
        }

        // The dummy prefix: the first piece starts with a space, which decoding after BOS removes.
        Assert.Equal((byte)' ', tokenizer.Piece(ids[0])[0]);
        // A character outside the vocabulary becomes its UTF-8 bytes (id = byte + 3) and decodes back.
        var snow = tokenizer.Encode("☃", addBos: true);
        Assert.Equal(new[] { 1 }.Concat(Encoding.UTF8.GetBytes("☃").Select(b => b + 3)), snow.Where((_, i) => i != 1));
        Assert.Equal("☃", tokenizer.Decode(snow));
        Assert.Equal([Llama2cTokenizer.Bos], tokenizer.Encode("", addBos: true));
    }
}
