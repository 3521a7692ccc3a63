using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Store;
using Interp.Sae.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>Shared pieces of the SAE tests.</summary>
internal static class SaeTestKit
{
    /// <summary>The identity SAE of the issue: W_enc = [I, −I], W_dec = [I; −I], zero biases, so ReLU keeps x⁺ and x⁻.</summary>
    public static SparseAutoencoder IdentitySae(int d, string architecture = "standard")
    {
        var eye = torch.eye(d, dtype: ScalarType.Float32);
        var config = new SaeConfig(architecture, d, 2 * d) { K = 2 * d, HookName = "hook" };
        var parameters = new Dictionary<string, Tensor>
        {
            ["W_enc"] = torch.cat([eye, -eye], 1),
            ["W_dec"] = torch.cat([eye, -eye], 0),
            ["b_enc"] = torch.zeros(2 * d),
            ["b_dec"] = torch.zeros(d),
        };
        return SaeArchitectureRegistry.CreateDefault().Get(architecture).Create(config, parameters);
    }

    /// <summary>Every parameter's bytes, by name.</summary>
    public static Dictionary<string, byte[]> Bytes(TrainingSparseAutoencoder sae) =>
        sae.Parameters.ToDictionary(p => p.Key, p => Interp.Sae.IO.TensorArrays.ToArray(p.Value).Bytes);

    public static string TempDir(string name) => Directory.CreateTempSubdirectory("interp-sae-" + name + "-").FullName;

    /// <summary>A deterministic source: sequences of <paramref name="seqLen"/> tokens, activation row = f(sequence, position).</summary>
    public sealed class FakeSource(int sequences, int seqLen, int dModel, string hook = "blocks.0.hook_resid_post") : IActivationSource
    {
        public int BatchesRead { get; private set; }

        public string HookName => hook;

        public int DModel => dModel;

        public string Fingerprint => $"fake({sequences},{seqLen},{dModel})";

        public static float Value(int seq, int pos, int j) => MathF.Sin(seq * 1.3f + pos * 0.7f + j * 0.11f) + 0.01f * seq;

        public IEnumerable<ActivationBatch> ReadBatches(CancellationToken cancellationToken = default)
        {
            for (int s = 0; s < sequences; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var acts = new float[seqLen * dModel];
                for (int p = 0; p < seqLen; p++)
                {
                    for (int j = 0; j < dModel; j++) acts[p * dModel + j] = Value(s, p, j);
                }

                BatchesRead++;
                yield return new ActivationBatch(
                    Enumerable.Range(0, seqLen).Select(p => (s * 31 + p) % 512).ToArray(),
                    Enumerable.Range(0, seqLen).ToArray(),
                    Enumerable.Repeat(s, seqLen).ToArray(), acts, dModel);
            }
        }
    }
}
