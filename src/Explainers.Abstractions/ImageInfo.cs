namespace Interp.Explainers;

/// <summary>Image geometry of an image-shaped input.</summary>
/// <param name="Channels">Channels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Layout">Channel layout, e.g. <c>CHW gray 0..1</c>.</param>
public sealed record ImageInfo(int Channels, int Height, int Width, string Layout);
