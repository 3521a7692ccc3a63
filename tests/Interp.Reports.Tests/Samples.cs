using System.Text.Json.Nodes;
using Interp.Core.Envelope;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Tensors;

namespace Interp.Reports.Tests;

/// <summary>Envelopes of every kind, made through the real explanation types and <see cref="ExplanationFile"/>, with seeded data.</summary>
internal static class Samples
{
    public static readonly string[] Tokens = ["<s>", "Once", " upon", " a", " time", ",", " there", " was", " a", " girl"];

    public static ShapExplanation Shap(int rows = 40, int features = 16)
    {
        var rng = new Random(1);
        var x = new double[rows * features];
        var phi = new double[rows * features];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextDouble() * 10;
            phi[i] = (x[i] - 5) * 0.1 * (1 + (i % features)) / features;
        }

        var meanAbs = new double[features];
        for (int r = 0; r < rows; r++) for (int f = 0; f < features; f++) meanAbs[f] += Math.Abs(phi[(r * features) + f]) / rows;
        var names = Enumerable.Range(0, features).Select(f => "feature_" + f).ToArray();
        return new ShapExplanation
        {
            Method = "TreeShap", Level = ExplainerLevel.Local, FeatureNames = names,
            BaseValues = new NdArray<double>(Enumerable.Repeat(-1.25, rows).ToArray(), rows),
            ShapValues = new NdArray<double>(phi, rows, features),
            Labels = new ExplanationLabels { FeatureNames = names },
            Global = new ShapGlobalSummary
            {
                MeanAbsShap = new NdArray<double>(meanAbs, features),
                StrongestInteraction = Enumerable.Range(0, features).Select(f => (f + 1) % features).ToArray(),
                FeatureValues = new NdArray<double>(x, rows, features),
            },
        }.WithQuality("efficiency_gap", Enumerable.Repeat(1e-7, rows).ToArray());
    }

    public static GlobalImportanceExplanation Importance() => new()
    {
        Method = "PermutationFeatureImportance", Level = ExplainerLevel.Global, Metric = "auc",
        Importance = [0.12, 0.05, 0.001, -0.002, 0.03], StandardError = [0.01, 0.004, 0.001, 0.001, 0.003],
        Labels = new ExplanationLabels { FeatureNames = ["age", "education-num", "race", "sex", "hours-per-week"] },
    };

    /// <summary>Image attributions on 28×28 with deletion/insertion curves in the quality section, as <c>--quality all</c> writes them.</summary>
    public static AttributionExplanation Image(string method, int seed, int examples = 2)
    {
        var rng = new Random(seed);
        var a = new float[examples * 28 * 28];
        for (int n = 0; n < examples; n++)
        {
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                {
                    double d = Math.Sqrt(((x - 14 - n) * (x - 14 - n)) + ((y - 14) * (y - 14)));
                    a[(n * 784) + (y * 28) + x] = (float)((Math.Abs(d - 7) < 2 ? 1 : 0) * (rng.NextDouble() - 0.2));
                }
            }
        }

        var e = new AttributionExplanation
        {
            Method = method, Level = ExplainerLevel.Local, Attributions = new NdArray<float>(a, examples, 1, 28, 28),
            Targets = Enumerable.Range(0, examples).ToArray(), OutputAtInput = Enumerable.Range(0, examples).Select(i => 20.0 + i).ToArray(),
            ConvergenceDelta = Enumerable.Range(0, examples).Select(i => 0.01 * (i + 1)).ToArray(),
            Labels = new ExplanationLabels { Image = new ImageInfo(1, 28, 28, "CHW gray 0..1"), OutputNames = Enumerable.Range(0, 10).Select(i => "digit " + i).ToArray() },
        };
        e.Quality["completeness_gap"] = e.ConvergenceDelta!;
        e.Quality["infidelity"] = Enumerable.Repeat(2e-4, examples).ToArray();
        e.Quality["deletion_auc"] = Enumerable.Repeat(2.0, examples).ToArray();
        int points = 11;
        var fraction = Enumerable.Range(0, examples * points).Select(i => (float)(i % points) / (points - 1)).ToArray();
        e.Extras["curve_fraction"] = new NdArray<float>(fraction, examples, points);
        e.Extras["deletion_curve"] = new NdArray<float>(fraction.Select(f => 20 * (1 - f) * (1 - f)).ToArray(), examples, points);
        e.Extras["deletion_curve_random"] = new NdArray<float>(fraction.Select(f => 20 * (1 - f)).ToArray(), examples, points);
        e.Extras["insertion_curve"] = new NdArray<float>(fraction.Select(f => 20 * MathF.Sqrt(f)).ToArray(), examples, points);
        return e;
    }

    public static AttributionExplanation Text() => new()
    {
        Method = "LayerIntegratedGradients", Level = ExplainerLevel.Local,
        Attributions = new NdArray<float>(Enumerable.Range(0, Tokens.Length * 4).Select(i => MathF.Sin(i * 0.7f)).ToArray(), 1, Tokens.Length, 4),
        Labels = new ExplanationLabels { Tokens = Tokens },
    };

    public static AttributionExplanation Tabular() => new()
    {
        Method = "KernelShap", Level = ExplainerLevel.Local,
        Attributions = new NdArray<float>([0.5f, -0.25f, 0.1f, 0f, -0.7f, 0.3f, 0.2f, -0.1f, 0.05f, 0.4f], 2, 5),
        Labels = new ExplanationLabels { FeatureNames = ["age", "education-num", "race", "sex", "hours-per-week"] },
    };

    /// <summary>Causal softmax attention [layers, heads, tokens, tokens] with distinct heads.</summary>
    public static AttentionExplanation Attention(int layers, int heads, int tokens, int seed = 3)
    {
        var rng = new Random(seed);
        var p = new float[layers * heads * tokens * tokens];
        for (int block = 0; block < layers * heads; block++)
        {
            for (int q = 0; q < tokens; q++)
            {
                int o = ((block * tokens) + q) * tokens;
                double sum = 0;
                for (int k = 0; k <= q; k++)
                {
                    double logit = (rng.NextDouble() * 3) + (k == q - (block % 3) ? 2.5 : 0);
                    p[o + k] = (float)Math.Exp(logit);
                    sum += p[o + k];
                }

                for (int k = 0; k <= q; k++) p[o + k] = (float)(p[o + k] / sum);
            }
        }

        var tokenNames = tokens == Tokens.Length ? Tokens : Enumerable.Range(0, tokens).Select(i => $"t{i}").ToArray();
        return new AttentionExplanation
        {
            Method = "AttentionPatterns", Level = ExplainerLevel.Mechanistic, Patterns = new NdArray<float>(p, layers, heads, tokens, tokens),
            Labels = new ExplanationLabels { Tokens = tokenNames },
        };
    }

    public static LensExplanation Lens()
    {
        int layers = 3, positions = Tokens.Length, k = 3;
        var ids = new int[layers * positions * k];
        var probs = new float[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = (i * 7) % 12;
            probs[i] = 0.9f / (1 + (i % k)) * (1 + (i / (positions * k))) / layers;
        }

        return new LensExplanation
        {
            Method = "LogitLens", Level = ExplainerLevel.Mechanistic, TopTokens = new NdArray<int>(ids, layers, positions, k),
            TopProbabilities = new NdArray<float>(probs, layers, positions, k), LayerNames = ["blocks.0.hook_resid_post", "blocks.1.hook_resid_post", "blocks.2.hook_resid_post"],
            Labels = new ExplanationLabels { Tokens = Tokens, OutputNames = Enumerable.Range(0, 12).Select(i => "tok" + i).ToArray() },
        };
    }

    public static PatchingExplanation Patching(string second)
    {
        int layers = 3, n = second == "position" ? Tokens.Length : 4;
        var effects = Enumerable.Range(0, layers * n).Select(i => (float)(0.5 + Math.Sin(i) * 2)).ToArray();
        return new PatchingExplanation
        {
            Method = "ActivationPatching", Level = ExplainerLevel.Mechanistic, Effects = new NdArray<float>(effects, layers, n),
            Axes = ["layer", second], HookPoint = second == "position" ? "blocks.{l}.hook_resid_pre" : "blocks.{l}.attn.hook_z",
            CleanMetric = 2.5, CorruptedMetric = -1.5, Labels = new ExplanationLabels { Tokens = Tokens },
        };
    }

    public static SaeFeatureExplanation Feature(int index) => new()
    {
        Method = "SaeFeatureContexts", Level = ExplainerLevel.Concept, FeatureIndex = index, HookPoint = "blocks.2.hook_resid_post", Density = 0.013 * (index + 1),
        TopContexts =
        [
            new FeatureContext(Tokens, Tokens.Select((_, i) => i == 4 ? 3.2f : i == 9 ? 1.1f : 0f).ToArray(), 3.2f),
            new FeatureContext(Tokens.Reverse().ToArray(), Tokens.Select((_, i) => i == 2 ? 2.0f : 0.1f).ToArray(), 2.0f),
        ],
    };

    public static SaeTrainingExplanation SaeTraining() => new()
    {
        Method = "SaeTraining", Level = ExplainerLevel.Concept, Architecture = "topk", HookPoint = "blocks.2.hook_resid_post", DIn = 64, DSae = 256,
        Steps = [10, 20, 30, 40],
        Curves = new Dictionary<string, double[]> { ["loss"] = [3.0, 2.0, 1.5, 1.25], ["l0"] = [30, 20, 12, 8], ["dead_features"] = [0, 1, 0, 0] },
        Metrics = new Dictionary<string, double> { ["explained_variance"] = 0.8125, ["l0"] = 8 },
    };

    public static ProbeExplanation Probe() => new()
    {
        Method = "LinearProbe", Level = ExplainerLevel.Concept, HookPoint = "blocks.1.hook_resid_post", Accuracy = 0.87,
        Weights = [[0.5, -0.2, 0.1, 0.9], [-0.4, 0.3, 0.0, -0.8]], Labels = new ExplanationLabels { OutputNames = ["negative", "positive"] },
    };

    /// <summary>Envelope kinds without an explanation type yet (provisional fields), written by hand.</summary>
    public static string Dla() => Envelope("dla", "DirectLogitAttribution", "mechanistic", new JsonObject
    {
        ["components"] = new JsonArray("embed", "L0H0", "L0H1", "L0 mlp", "L1H0", "L1H1", "L1 mlp"),
        ["contributions"] = new JsonArray(0.2, -0.5, 1.4, 0.3, 2.1, -0.1, 0.6),
        ["target_token"] = " Lily",
    });

    public static string HeadDetector() => Envelope("head_detector", "HeadDetector", "mechanistic", new JsonObject
    {
        ["detector"] = "previous_token",
        ["scores"] = new JsonArray(new JsonArray(0.1, 0.9, 0.2, 0.05), new JsonArray(0.3, 0.1, 0.7, 0.4)),
    });

    /// <summary>The mechanistic pack's per-head detector scores (kind head_scores): [detectors, layers, heads].</summary>
    public static string HeadScores() => Envelope("head_scores", "HeadDetector", "mechanistic", new JsonObject
    {
        ["detectors"] = new JsonArray("previous_token", "induction"),
        ["scores"] = new JsonArray(new JsonArray(new JsonArray(0.1, 0.9), new JsonArray(0.2, 0.3)), new JsonArray(new JsonArray(0.05, 0.1), new JsonArray(0.8, 0.2))),
    });

    /// <summary>The mechanistic pack's residual decomposition / DLA (kind decomposition).</summary>
    public static string Decomposition() => Envelope("decomposition", "DirectLogitAttribution", "mechanistic", new JsonObject
    {
        ["components"] = new JsonArray("embed", "L0H0", "L0 mlp", "L1H0", "L1 mlp"),
        ["position"] = 9, ["target"] = "logit[98] - logit[76]", ["target_value"] = 3.1, ["bias_terms"] = 0.05,
        ["contributions"] = new JsonArray(0.4, 1.2, -0.3, 1.5, 0.25),
    });

    public static void Save(Explanation e, string path) => ExplanationFile.WriteAtomic(e, path, indented: false);

    private static string Envelope(string kind, string method, string level, JsonObject payload)
    {
        var o = new JsonObject
        {
            ["schema"] = ExplanationFile.Schema, ["kind"] = kind, ["level"] = level, ["method"] = method, ["options"] = null, ["seed"] = null,
            ["model"] = new JsonObject { ["path"] = "stories260K.bin", ["sha256"] = null, ["format"] = "llama2c" }, ["labels"] = new JsonObject { ["tokens"] = new JsonArray(Tokens.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
            ["quality"] = new JsonObject(),
        };
        foreach (var (k, v) in payload) o[k] = v?.DeepClone();
        return o.ToJsonString();
    }

    private static T WithQuality<T>(this T e, string key, double[] values) where T : Explanation
    {
        e.Quality[key] = values;
        return e;
    }
}
