using System.Text.RegularExpressions;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>Hook-name globs over a plain list of names: <c>*</c> matches within a dot-separated part, <c>**</c> across parts.</summary>
internal static class HookNames
{
    /// <summary>The names matching <paramref name="glob"/>, in the model's order.</summary>
    public static IReadOnlyList<string> Matching(IReadOnlyList<string> names, string glob)
    {
        var pattern = "^" + string.Concat(Regex.Split(glob, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^.]*",
            _ => Regex.Escape(part),
        })) + "$";
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return names.Where(n => regex.IsMatch(n)).ToList();
    }
}
