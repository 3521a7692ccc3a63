namespace Interp.Imaging;

/// <summary>The order of the color channels in the model's input.</summary>
public enum ImageChannelOrder
{
    /// <summary>Red, green, blue (PyTorch/torchvision models; JSON <c>"rgb"</c>).</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe-born models such as SqueezeNet 1.0, OpenCV pipelines; JSON <c>"bgr"</c>).</summary>
    Bgr,
}
