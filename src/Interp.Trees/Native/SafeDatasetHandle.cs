using Microsoft.Win32.SafeHandles;

namespace Interp.Trees.Native;

/// <summary>A LightGBM <c>DatasetHandle</c>, freed with <c>LGBM_DatasetFree</c>.</summary>
internal sealed class SafeDatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeDatasetHandle() : base(true) { }

    public SafeDatasetHandle(nint handle) : base(true) => SetHandle(handle);

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_DatasetFree(handle) == 0;
}
