using Interp.Core.Registry;
using Interp.Explainers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Interp.Core.Configuration;

/// <summary>
/// Runs at start (with <see cref="InterpSettings"/>): every <c>Interp:Explainers:&lt;Name&gt;</c> section must name a
/// registered explainer, and every explainer's options must bind and validate.
/// </summary>
internal sealed class ExplainerConfigurationValidator : IValidateOptions<InterpSettings>
{
    private readonly ExplainerRegistry _registry;
    private readonly IConfiguration _configuration;

    public ExplainerConfigurationValidator(ExplainerRegistry registry, IConfiguration configuration)
    {
        _registry = registry;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, InterpSettings options)
    {
        var failures = new List<string>();
        foreach (var section in _configuration.GetSection(ConfigurationKeys.Explainers).GetChildren())
        {
            var descriptor = _registry.Find(section.Key);
            if (descriptor is null || !string.Equals(descriptor.Name, section.Key, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{section.Path}: unknown explainer '{section.Key}'. Known: {string.Join(", ", _registry.All.Select(d => d.Name).Order(StringComparer.Ordinal))}.");
            }
        }

        foreach (var descriptor in _registry.All)
        {
            try
            {
                ExplainerOptionsBinder.Bind(descriptor, _configuration);
            }
            catch (InterpException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
