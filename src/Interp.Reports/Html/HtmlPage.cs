using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interp.Reports.Html;

/// <summary>
/// Composes a self-contained page: inline CSS, the data as one JSON blob (<c>script#interp-data</c>), inline scripts.
/// A Content-Security-Policy forbids every fetch, so the page cannot reach the network even by mistake.
/// </summary>
internal static class HtmlPage
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // The default encoder escapes <, >, &, ' and + so the blob cannot close its script element.
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public const string Csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:";

    public static string Compose(string title, object page, IReadOnlyList<(string View, object Data)> views, IEnumerable<string> scripts)
    {
        var blob = new Dictionary<string, object?>
        {
            ["page"] = page,
            ["views"] = views.Select(v => new Dictionary<string, object?> { ["view"] = v.View, ["data"] = v.Data }).ToArray(),
        };
        var json = JsonSerializer.Serialize(blob, Json);
        var sb = new StringBuilder(json.Length + 64_000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Csp).Append("\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"interp report\">\n");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        sb.Append("<style>\n").Append(Assets.Get("report.css")).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<header id=\"interp-header\"></header>\n<main id=\"interp-main\"><noscript>This report draws its views with JavaScript.</noscript></main>\n");
        sb.Append("<script type=\"application/json\" id=\"interp-data\">").Append(json).Append("</script>\n");
        foreach (var script in new[] { "core" }.Concat(scripts).Distinct(StringComparer.Ordinal))
        {
            sb.Append("<script>\n").Append(Assets.Get(script + ".js")).Append("\n</script>\n");
        }

        sb.Append("<script>Interp.render();</script>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
