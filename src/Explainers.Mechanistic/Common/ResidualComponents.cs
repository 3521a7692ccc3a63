using Interp.Transformers;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// The final residual stream at one position split into what wrote it: the token embedding, the positional embedding
/// (learned positions only), every attention head's output (<c>hook_result</c>), each layer's attention output bias,
/// and every MLP's output. The vectors sum to <c>blocks.{L−1}.hook_resid_post</c>. Also the direct logit attribution
/// of each vector: through the final norm with the final run's cached scale (<c>ln_final.hook_scale</c>; LayerNorm
/// also centres each vector and applies its weight), then the unembedding direction.
/// </summary>
internal sealed class ResidualComponents
{
    private ResidualComponents(IReadOnlyList<string> names, double[,] vectors, double[] finalResidual, double scale, double[] logits)
    {
        Names = names;
        Vectors = vectors;
        FinalResidual = finalResidual;
        Scale = scale;
        Logits = logits;
    }

    /// <summary>Component names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Component vectors [components, d_model].</summary>
    public double[,] Vectors { get; }

    /// <summary>The final residual (last block's <c>hook_resid_post</c>) at the position.</summary>
    public double[] FinalResidual { get; }

    /// <summary>The final norm's cached scale at the position.</summary>
    public double Scale { get; }

    /// <summary>The model's logits at the position.</summary>
    public double[] Logits { get; }

    /// <summary>Runs the prompt once with the needed hooks cached and splits the residual at <paramref name="position"/>.</summary>
    public static ResidualComponents Compute(TransformerPrompt prompt, int position)
    {
        var t = prompt.Transformer;
        var cfg = t.Config;
        lock (prompt.Model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var hooks = new List<string> { "hook_embed", "blocks.*.attn.hook_result", "blocks.*.hook_mlp_out", "ln_final.hook_scale", $"blocks.{cfg.NLayers - 1}.hook_resid_post" };
            if (t.HookPosEmbed is not null) hooks.Add("hook_pos_embed");
            var (logits, cache) = t.RunWithCache(prompt.ToTensor(prompt.Tokens), hooks.ToArray());
            using (cache)
            {
                var names = new List<string>();
                var rows = new List<double[]>();
                void Add(string name, Tensor v)
                {
                    names.Add(name);
                    rows.Add(v.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray());
                }

                Add("embed", cache["hook_embed"][0, position]);
                if (t.HookPosEmbed is not null) Add("pos_embed", cache["hook_pos_embed"][0, position]);
                for (int l = 0; l < cfg.NLayers; l++)
                {
                    var result = cache[$"blocks.{l}.attn.hook_result"];   // [1, pos, head, d_model]
                    for (int h = 0; h < cfg.NHeads; h++) Add($"L{l}H{h}", result[0, position, h]);
                    if (t.Blocks[l].Attn.BO is { } bias) Add($"L{l} attn bias", bias);
                    Add($"L{l} mlp", cache[$"blocks.{l}.hook_mlp_out"][0, position]);
                }

                var vectors = new double[rows.Count, cfg.DModel];
                for (int c = 0; c < rows.Count; c++) for (int j = 0; j < cfg.DModel; j++) vectors[c, j] = rows[c][j];
                var final = cache[$"blocks.{cfg.NLayers - 1}.hook_resid_post"][0, position].to(ScalarType.Float64).cpu().data<double>().ToArray();
                double scale = cache["ln_final.hook_scale"][0, position].to(ScalarType.Float64).cpu().reshape(-1)[0].item<double>();
                var at = logits[0, position].to(ScalarType.Float64).cpu().data<double>().ToArray();
                return new ResidualComponents(names, vectors, final, scale, at);
            }
        }
    }

    /// <summary>
    /// Direct logit attribution of every component along the unembedding direction of <paramref name="answer"/> (minus
    /// that of <paramref name="wrong"/>), and the terms no component carries (final-norm bias, unembedding bias).
    /// </summary>
    public (double[] Contributions, double BiasTerms) Attribute(HookedTransformer t, int answer, int? wrong)
    {
        int d = t.Config.DModel;
        double[] direction, weight;
        double[]? normBias;
        double unembedBias;
        using (var scope = NewDisposeScope())
        {
            using var noGrad = no_grad();
            var wu = t.WU.to(ScalarType.Float64).cpu();   // [d_model, vocab]
            var dir = wrong is int w ? wu.select(1, answer) - wu.select(1, w) : wu.select(1, answer);
            direction = dir.contiguous().data<double>().ToArray();
            weight = t.LnFinal.W.to(ScalarType.Float64).cpu().data<double>().ToArray();
            normBias = t.LnFinal.B?.to(ScalarType.Float64).cpu().data<double>().ToArray();
            unembedBias = 0;
            if (t.BU is { } bu)
            {
                var b = bu.to(ScalarType.Float64).cpu().data<double>().ToArray();
                unembedBias = b[answer] - (wrong is int w2 ? b[w2] : 0);
            }
        }

        bool layerNorm = t.Config.NormalizationType == NormalizationType.LayerNorm;
        var contributions = new double[Names.Count];
        for (int c = 0; c < Names.Count; c++)
        {
            double mean = 0;
            if (layerNorm)
            {
                for (int j = 0; j < d; j++) mean += Vectors[c, j];
                mean /= d;
            }

            double sum = 0;
            for (int j = 0; j < d; j++) sum += (Vectors[c, j] - mean) / Scale * weight[j] * direction[j];
            contributions[c] = sum;
        }

        double bias = unembedBias;
        if (normBias is not null) for (int j = 0; j < d; j++) bias += normBias[j] * direction[j];
        return (contributions, bias);
    }
}
