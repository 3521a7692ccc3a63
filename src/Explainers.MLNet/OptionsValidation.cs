using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.MLNet;

/// <summary>Validates option objects (DataAnnotations and <see cref="IValidatableObject"/>) as the host does at start.</summary>
internal static class OptionsValidation
{
    public static void Check(string explainer, params object?[] options)
    {
        foreach (var o in options)
        {
            if (o is null) continue;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true))
            {
                throw new InterpException($"{explainer}: invalid options: {string.Join("; ", results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"))}") { IsConfigurationError = true };
            }
        }
    }
}
