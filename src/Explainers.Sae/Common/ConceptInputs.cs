using Interp.Explainers.Requests;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Transformers.Models;

namespace Interp.Explainers.Sae.Common;

/// <summary>Resolution shared by the concept explainers: the hooked model and the SAE of a request.</summary>
internal static class ConceptInputs
{
    /// <summary>The request's model as a hooked transformer, else the missing capability.</summary>
    public static IHookedTransformerModel Transformer(ConceptRequest request, string method) =>
        request.Model as IHookedTransformerModel ?? throw new MissingCapabilityException(method, typeof(IHookedTransformerModel), request.Model);

    /// <summary>The SAE of the request (its <c>SaePath</c>, else the option), or null when neither names one.</summary>
    public static SparseAutoencoder? LoadSae(ConceptRequest request, string? optionPath, string method, bool checkHook = true)
    {
        var path = string.IsNullOrWhiteSpace(request.SaePath) ? optionPath : request.SaePath;
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new InterpException($"{method}: SAE file '{path}' does not exist.") { IsConfigurationError = true };
        var sae = SaeArchitectureRegistry.CreateDefault().Load(path);
        if (checkHook && !string.IsNullOrEmpty(sae.Config.HookName) && sae.Config.HookName != request.HookPoint)
        {
            var hook = sae.Config.HookName;
            sae.Dispose();
            throw new InterpException($"{method}: the SAE '{path}' reads '{hook}', but the request's hook point is '{request.HookPoint}'.") { IsConfigurationError = true };
        }

        return sae;
    }
}
