using Interp.Explainers;

namespace Interp.Reports.Views;

/// <summary>Several image-attribution envelopes of the same inputs side by side: one column per method, one row per example.</summary>
internal static class ComparisonView
{
    public static ViewOutput Build(IReadOnlyList<ReportEnvelope> envelopes, ReportOptions options)
    {
        if (envelopes.Count < 2) throw new InterpException("a comparison needs at least two attribution envelopes.");
        var view = new AttributionView();
        var columns = new List<Dictionary<string, object?>>();
        var notes = new List<string>();
        foreach (var e in envelopes)
        {
            if (!view.Accepts(e) || AttributionModes.ImageGeometry(e) is null)
            {
                throw new InterpException($"{e.Source}: only image attributions can be compared side by side (kind '{e.Kind}').");
            }

            var output = view.Build(e, options);
            var data = (Dictionary<string, object?>)output.Data;
            if ((string)data["mode"]! != "image") throw new InterpException($"{e.Source}: its attributions are not image-shaped.");
            columns.Add(new Dictionary<string, object?>
            {
                ["method"] = e.Method,
                ["source"] = Path.GetFileName(e.Source),
                ["examples"] = data["examples"],
                ["quality"] = e.Quality.ToDictionary(q => q.Key, q => Json.Values.Finite(q.Value)),
            });
            foreach (var note in output.Notes.Where(n => !notes.Contains(n))) notes.Add(note);
        }

        return new ViewOutput(new Dictionary<string, object?> { ["columns"] = columns }, notes, []);
    }
}
