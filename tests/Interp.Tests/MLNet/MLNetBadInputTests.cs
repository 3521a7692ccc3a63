using System.IO.Compression;
using Interp.Backends.MLNet;
using Interp.Explainers;
using Interp.Trees.Data;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>Zips that are not ML.NET models and data files that do not fit the model fail with clear messages.</summary>
public sealed class MLNetBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("interp-mlnet-bad-").FullName;

    [Fact]
    public void AZipFromAnotherToolIsNamed()
    {
        string path = Path.Combine(_dir, "sklearn.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("model.pkl").Open());
            w.Write("not ML.NET");
        }

        var message = Assert.Throws<InterpException>(() => MLNetModel.Load(path)).Message;
        Assert.Contains("is a zip file but not an ML.NET model", message);
        Assert.Contains("model.pkl", message);
    }

    [Fact]
    public void ANonZipOrBrokenModelIsNamed()
    {
        string notZip = Path.Combine(_dir, "model.zip");
        File.WriteAllText(notZip, "hello");
        Assert.Contains("is not a zip file", Assert.Throws<InterpException>(() => MLNetModel.Load(notZip)).Message);

        string broken = Path.Combine(_dir, "broken.zip");
        using (var zip = ZipFile.Open(broken, ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("TransformerChain/Model.key").Open());
            w.Write("garbage");
        }

        Assert.Contains("could not be loaded by ML.NET", Assert.Throws<InterpException>(() => MLNetModel.Load(broken)).Message);
        Assert.Contains("does not exist", Assert.Throws<InterpException>(() => MLNetModel.Load(Path.Combine(_dir, "none.zip"))).Message);
    }

    [Fact]
    public void DataMissingAModelColumnOrWithAWrongTypeIsNamed()
    {
        var model = AdultModels.Get("fasttree-binary");
        string noAge = Path.Combine(_dir, "no-age.csv");
        var sample = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "src", "Interp.Cli", "data", "adult", "adult-sample.csv"));
        File.WriteAllLines(noAge, sample.Select(l => string.Join(",", l.Split(',').Skip(1))));
        var missing = Assert.Throws<InterpException>(() => MLNetData.LoadCsv(model, noAge)).Message;
        Assert.Contains("has no column 'age' (Single), which the model reads", missing);

        string wrong = Path.Combine(_dir, "wrong.csv");
        File.WriteAllLines(wrong, sample.Select((l, i) => i == 4 ? "forty," + string.Join(",", l.Split(',').Skip(1)) : l));
        var type = Assert.Throws<InterpException>(() => MLNetData.LoadCsv(model, wrong)).Message;
        Assert.Contains("line 5, column 'age': 'forty' is not a valid Single", type);

        // Without the label column the file still loads: the model does not read it.
        string noLabel = Path.Combine(_dir, "no-label.csv");
        File.WriteAllLines(noLabel, sample.Select(l => string.Join(",", l.Split(',').SkipLast(1))));
        Assert.Equal(300, MLNetData.LoadCsv(model, noLabel).GetRowCount());
    }

    [Fact]
    public void PredictRejectsWrongShapes()
    {
        var model = AdultModels.Get("fasttree-binary");
        var message = Assert.Throws<InterpException>(() => model.Predict([new Explainers.Tensors.NdArray<float>(new float[6], 2, 3)])).Message;
        Assert.Contains($"[batch, {model.FeatureCount}]", message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
