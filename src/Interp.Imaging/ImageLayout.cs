namespace Interp.Imaging;

/// <summary>Where the channel dimension sits in the model's input tensor.</summary>
public enum ImageLayout
{
    /// <summary>Planar: [N, C, H, W] (PyTorch, Caffe, most ONNX vision models; JSON <c>"nchw"</c>).</summary>
    Nchw,

    /// <summary>Interleaved: [N, H, W, C] (TensorFlow/Keras; JSON <c>"nhwc"</c>).</summary>
    Nhwc,
}
