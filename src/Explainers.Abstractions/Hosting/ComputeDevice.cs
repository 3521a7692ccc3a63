namespace Interp.Explainers.Hosting;

/// <summary>The device the host resolved from <c>Interp:Device</c> (<c>auto|cpu|cuda:N</c>), shared by every backend.</summary>
/// <param name="Kind"><c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Index">The CUDA device index (0 for cpu).</param>
public sealed record ComputeDevice(string Kind, int Index)
{
    /// <summary>The CPU.</summary>
    public static ComputeDevice Cpu { get; } = new("cpu", 0);

    /// <summary>True for a CUDA device.</summary>
    public bool IsCuda => Kind == "cuda";

    /// <inheritdoc />
    public override string ToString() => IsCuda ? $"cuda:{Index}" : "cpu";
}
