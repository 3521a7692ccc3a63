namespace Interp.Explainers.Attribution.LayerGradCam;

/// <summary>
/// Grad-CAM from a layer's activations and gradients ([C, ...spatial] per example): channel weights are the
/// spatial means of the gradients, the map is Σ_c w_c·a_c with shape [1, ...spatial] (optionally ReLU'd).
/// </summary>
internal static class GradCamMap
{
    public static float[] Compute(float[] activations, float[] gradients, int examples, int[] layerShape, bool relu, out int[] mapShape)
    {
        int channels = layerShape[0];
        int plane = layerShape.Skip(1).Aggregate(1, (a, b) => a * b);
        mapShape = [1, .. layerShape.Skip(1)];
        var map = new float[examples * plane];
        for (int e = 0; e < examples; e++)
        {
            for (int c = 0; c < channels; c++)
            {
                int offset = ((e * channels) + c) * plane;
                double weight = 0;
                for (int p = 0; p < plane; p++) weight += gradients[offset + p];
                weight /= plane;
                for (int p = 0; p < plane; p++) map[(e * plane) + p] += (float)(weight * activations[offset + p]);
            }
        }

        if (relu)
        {
            for (int i = 0; i < map.Length; i++) map[i] = Math.Max(0, map[i]);
        }

        return map;
    }
}
