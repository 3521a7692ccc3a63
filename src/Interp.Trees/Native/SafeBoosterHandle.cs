using Microsoft.Win32.SafeHandles;

namespace Interp.Trees.Native;

/// <summary>A LightGBM <c>BoosterHandle</c>, freed with <c>LGBM_BoosterFree</c>.</summary>
internal sealed class SafeBoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeBoosterHandle() : base(true) { }

    public SafeBoosterHandle(nint handle) : base(true) => SetHandle(handle);

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_BoosterFree(handle) == 0;
}
