using System.Runtime.InteropServices;

namespace Interp.Trees.Native;

/// <summary>
/// P/Invoke declarations for LightGBM's C API (<c>include/LightGBM/c_api.h</c>, LightGBM 4.6.0 as shipped in the
/// LightGBM package that Microsoft.ML.LightGbm depends on). Every function returns 0 on success and -1 on failure, with
/// the message in <see cref="LGBM_GetLastError"/>.
/// </summary>
internal static unsafe partial class LightGbmNative
{
    public const string Library = "lib_lightgbm";
    public const int DTypeFloat32 = 0;
    public const int DTypeFloat64 = 1;

    [LibraryImport(Library)]
    public static partial nint LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(void* data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, nint reference, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(SafeDatasetHandle handle, string fieldName, void* fieldData, int numElement, int type);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetSetFeatureNames(SafeDatasetHandle handle, nint* featureNames, int numFeatureNames);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(SafeDatasetHandle trainData, string parameters, out nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterLoadModelFromString(string modelString, out int numIterations, out nint handle);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(nint handle);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(SafeBoosterHandle handle, out int producedEmptyTree);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterSaveModelToString(SafeBoosterHandle handle, int startIteration, int numIteration, int featureImportanceType, long bufferLength, out long outLength, byte* outString);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumClasses(SafeBoosterHandle handle, out int count);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumFeature(SafeBoosterHandle handle, out int count);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterCalcNumPredict(SafeBoosterHandle handle, int numRow, int predictType, int startIteration, int numIteration, out long outLength);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(
        SafeBoosterHandle handle, void* data, int dataType, int nrow, int ncol, int isRowMajor, int predictType,
        int startIteration, int numIteration, string parameter, out long outLength, double* outResult);
}
