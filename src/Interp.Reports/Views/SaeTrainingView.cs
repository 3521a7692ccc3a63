using System.Text.Json;
using Interp.Explainers;
using Interp.Reports.Json;
using ScottPlot;

namespace Interp.Reports.Views;

/// <summary>An SAE's training run: one line chart per curve (loss, l0, dead features, learning rate, loss terms) and its SAELens metrics.</summary>
internal sealed class SaeTrainingView : IReportView
{
    public string Script => "sae";

    public string Name => "sae_training";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "sae_training";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var steps = NestedArray.Read(envelope.Require("steps"), "steps").Data;
        var curves = new Dictionary<string, object?>(StringComparer.Ordinal);
        var raw = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (envelope.Require("curves") is not { ValueKind: JsonValueKind.Object } c) throw new InterpException($"{envelope.Source}: \"curves\" must be an object of name → values.");
        foreach (var curve in c.EnumerateObject())
        {
            var values = NestedArray.Read(curve.Value, "curves." + curve.Name).Data;
            if (values.Length != steps.Length) throw new InterpException($"{envelope.Source}: curve \"{curve.Name}\" has {values.Length} values for {steps.Length} steps.");
            raw[curve.Name] = values;
            curves[curve.Name] = Values.Finite(values);
        }

        var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (envelope.Get("metrics") is { ValueKind: JsonValueKind.Object } m)
        {
            foreach (var p in m.EnumerateObject()) metrics[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : null;
        }

        var data = new Dictionary<string, object?>
        {
            ["architecture"] = envelope.Get("architecture")?.GetString(),
            ["hook_point"] = envelope.Get("hook_point")?.GetString(),
            ["d_in"] = envelope.Get("d_in")?.GetInt32(),
            ["d_sae"] = envelope.Get("d_sae")?.GetInt32(),
            ["steps"] = steps.Select(s => (int)s).ToArray(),
            ["curves"] = curves,
            ["metrics"] = metrics,
        };
        var charts = raw.Where(kv => kv.Key is "loss" or "l0").Select(kv => new ReportChart("sae-" + kv.Key.Replace('_', '-'), () => Line(steps, kv.Value, kv.Key), 800, 400)).ToList();
        return new ViewOutput(data, steps.Length == 0 ? ["The run logged no steps."] : [], charts);
    }

    private static Plot Line(double[] steps, double[] values, string name)
    {
        var plot = new Plot();
        var finite = steps.Zip(values).Where(p => double.IsFinite(p.Second)).ToArray();
        var scatter = plot.Add.Scatter(finite.Select(p => p.First).ToArray(), finite.Select(p => p.Second).ToArray());
        scatter.MarkerSize = 0;
        scatter.LineWidth = 2;
        plot.Title("SAE training: " + name.Replace('_', ' '));
        plot.XLabel("step");
        return plot;
    }
}
