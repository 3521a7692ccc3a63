using Interp.Explainers.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: InterpPlugin(typeof(Interp.Explainers.Attribution.AttributionPack))]

namespace Interp.Explainers.Attribution;

/// <summary>The attribution pack's plugin entry: registers its explainers and the quality metrics.</summary>
public sealed class AttributionPack : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Explainers.Attribution";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar
            .AddExplainer<FeatureAblation.FeatureAblation>()
            .AddExplainer<Occlusion.Occlusion>()
            .AddExplainer<IntegratedGradients.IntegratedGradients>()
            .AddExplainer<Saliency.Saliency>()
            .AddExplainer<InputXGradient.InputXGradient>()
            .AddExplainer<GuidedBackprop.GuidedBackprop>()
            .AddExplainer<Deconvolution.Deconvolution>()
            .AddExplainer<DeepLift.DeepLift>()
            .AddExplainer<DeepLiftShap.DeepLiftShap>()
            .AddExplainer<GradientShap.GradientShap>()
            .AddExplainer<NoiseTunnel.NoiseTunnel>()
            .AddExplainer<LayerActivation.LayerActivation>()
            .AddExplainer<LayerGradientXActivation.LayerGradientXActivation>()
            .AddExplainer<LayerIntegratedGradients.LayerIntegratedGradients>()
            .AddExplainer<LayerConductance.LayerConductance>()
            .AddExplainer<LayerGradCam.LayerGradCam>()
            .AddExplainer<GuidedGradCam.GuidedGradCam>();
        registrar.AddExplainer<TreeShap.TreeShap>();
        registrar.AddExplainer<ExactShap.ExactShap>();
        registrar.AddExplainer<ShapleyValueSampling.ShapleyValueSampling>();
        registrar.AddExplainer<PermutationShap.PermutationShap>();
        registrar.AddExplainer<KernelShap.KernelShap>();
        registrar.AddExplainer<FeaturePermutation.FeaturePermutation>();
        registrar.AddExplainer<LinearShap.LinearShap>();
        registrar.AddExplainer<PermutationFeatureImportance.PermutationFeatureImportance>();

        // Quality metrics (infidelity, sensitivity, deletion/insertion) reach hosts that load the pack as a plugin
        // through the shared IQualityMetrics contract.
        registrar.Services.AddQualityMetrics();
    }
}
