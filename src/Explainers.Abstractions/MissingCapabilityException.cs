namespace Interp.Explainers;

/// <summary>Thrown when a model lacks a capability an explainer needs; the message names both.</summary>
public sealed class MissingCapabilityException : InterpException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="explainer">The explainer's name.</param>
    /// <param name="capability">The missing capability interface.</param>
    /// <param name="model">The model.</param>
    public MissingCapabilityException(string explainer, Type capability, object model)
        : base($"Explainer '{explainer}' needs a model with capability {capability.Name}, but {Describe(model)} does not provide it.{Suggestion(capability)}")
    {
        Explainer = explainer;
        Capability = capability;
    }

    /// <summary>The explainer's name.</summary>
    public string Explainer { get; }

    /// <summary>The missing capability.</summary>
    public Type Capability { get; }

    private static string Suggestion(Type capability) =>
        capability.Name is "IDifferentiable" or "IBackwardRules" or "ILayerDifferentiable" or "IHookable"
            ? " Use a perturbation method (feature-ablation, occlusion, lime), or a model format with gradients and hooks (.onnx through the importer)."
            : "";

    private static string Describe(object model) =>
        model is Models.IModel m && m.Source.Path is { } p ? $"model '{p}' ({model.GetType().Name})" : $"model {model.GetType().Name}";
}
