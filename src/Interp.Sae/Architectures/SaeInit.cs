namespace Interp.Sae.Architectures;

/// <summary>Initialisation helpers shared by the architectures (all draws from a <see cref="SaeRandom"/>, so they are seeded and platform-independent).</summary>
public static class SaeInit
{
    /// <summary>
    /// Decoder rows in random directions (normalised Gaussian draws) with norm <paramref name="rowNorm"/>, and the
    /// encoder as the decoder's transpose (SAELens' and Anthropic's initialisation).
    /// </summary>
    /// <param name="config">Sizes.</param>
    /// <param name="random">The stream.</param>
    /// <param name="rowNorm">Norm of each decoder row.</param>
    /// <returns>W_enc [d_in, d_sae] and W_dec [d_sae, d_in].</returns>
    public static (Tensor WEnc, Tensor WDec) TiedDirections(SaeConfig config, SaeRandom random, double rowNorm)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        int dIn = config.DIn, dSae = config.DSae;
        var data = new float[dSae * dIn];
        var row = new double[dIn];
        for (int i = 0; i < dSae; i++)
        {
            double norm = 0;
            for (int j = 0; j < dIn; j++)
            {
                row[j] = random.NextGaussian();
                norm += row[j] * row[j];
            }

            double s = rowNorm / Math.Sqrt(Math.Max(norm, 1e-300));
            for (int j = 0; j < dIn; j++) data[i * dIn + j] = (float)(row[j] * s);
        }

        var wDec = tensor(data, [dSae, dIn]);
        return (wDec.t().contiguous(), wDec);
    }

    /// <summary>A float32 vector filled with <paramref name="value"/>.</summary>
    /// <param name="length">Length.</param>
    /// <param name="value">Value.</param>
    public static Tensor Filled(int length, float value) => full([length], value, ScalarType.Float32);
}
