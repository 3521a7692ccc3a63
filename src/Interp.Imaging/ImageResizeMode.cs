namespace Interp.Imaging;

/// <summary>How an image is brought to the model's <see cref="ImagePreprocessing.Width"/> × <see cref="ImagePreprocessing.Height"/>.</summary>
public enum ImageResizeMode
{
    /// <summary>
    /// Resize to exactly Width × Height, ignoring the aspect ratio (JSON <c>"stretch"</c>). An image that already has
    /// that size is used as it is, without resampling.
    /// </summary>
    Stretch,

    /// <summary>
    /// Resize so the shorter side equals <see cref="ImagePreprocessing.ShorterSide"/>, keeping the aspect ratio (the
    /// longer side is <c>floor(ShorterSide × long / short)</c>, as torchvision's <c>Resize(int)</c>), then cut the
    /// central Width × Height (as torchvision's <c>CenterCrop</c>; offsets <c>round((size - crop) / 2)</c>, half to
    /// even) (JSON <c>"shorter_side_then_center_crop"</c>).
    /// </summary>
    ShorterSideThenCenterCrop,
}
