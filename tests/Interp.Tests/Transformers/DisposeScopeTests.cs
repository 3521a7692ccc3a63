using Interp.Transformers.Loading;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>A model created inside a caller's dispose scope keeps its weights when that scope ends.</summary>
public sealed class DisposeScopeTests
{
    [Fact]
    public void AModelLoadedInsideADisposeScopeOutlivesIt()
    {
        Interp.Transformers.HookedTransformer model;
        using (NewDisposeScope())
        {
            model = Llama2cCheckpoint.Load(Stories260K.Checkpoint);
        }

        using (model)
        using (NewDisposeScope())
        {
            var logits = model.call(tensor(new long[] { 1, 403, 407 }).unsqueeze(0));
            Assert.Equal([1L, 3L, 512L], logits.shape);
            Assert.True(logits.abs().sum().item<float>() > 0);
        }
    }
}
