using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.MLNet;

/// <summary>How an explanation transformer streams: rows per window and threads.</summary>
public abstract class ExplanationColumnOptions
{
    /// <summary>Rows explained together (default 4,096): the bound on what is held in memory besides the model.</summary>
    [Range(1, 1 << 22)]
    public int WindowRows { get; set; } = 4096;

    /// <summary>Threads a window is spread over; 0 (default) uses every core.</summary>
    [Range(0, 4096)]
    public int Threads { get; set; }

    /// <summary>The thread count in force.</summary>
    internal int ThreadCount => Threads == 0 ? Environment.ProcessorCount : Threads;
}
