using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Tests.Trees;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary>
/// <c>interp explain --config</c>: pipelines declared in appsettings run their steps with the step options, write an
/// envelope (and CSV) per step equal to the single-explainer commands, and bad pipelines fail before anything is written.
/// </summary>
public sealed class ExplainCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-explain-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void TabularAndOnnxPipelinesEqualTheSingleCommands()
    {
        var (model, data, _) = AdultCsvFiles.Write(_temp, NativeLightGbm.Binary.Model, "income", 40);
        var onnx = TestPaths.Reference("mlp_tabular", "model.onnx");
        var inputs = TestPaths.Reference("mlp_tabular", "inputs.json");
        var config = Config($$"""
            {
              "Interp": {
                "Explainers": { "PermutationFeatureImportance": { "Repeats": 7 } },
                "Pipelines": {
                  "adult": {
                    "Model": "{{Path.GetFileName(model)}}", "Data": "{{Path.GetFileName(data)}}", "Label": "income", "Output": "out",
                    "Steps": [
                      { "Name": "TreeShap" },
                      { "Name": "permutation-feature-importance", "Options": { "Repeats": 3, "Seed": 11, "Metric": "Auc" } }
                    ]
                  },
                  "mlp": {
                    "Model": "{{onnx}}", "Inputs": "{{inputs}}", "Output": "out",
                    "Steps": [ { "Name": "IntegratedGradients", "Options": { "Rule": "riemann_trapezoid", "Steps": 50 } } ]
                  }
                }
              }
            }
            """);
        var r = CliRunner.Run("/", "explain", "--config", config);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var outDir = Path.Combine(_temp, "out");

        var shapFile = Path.Combine(_temp, "direct.json");
        var direct = CliRunner.Run("/", "shap", "--model", model, "--data", data, "--label", "income", "--explainer", "tree", "--out", shapFile);
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        Assert.Equal(Values(shapFile, "shap_values").Data, Values(Path.Combine(outDir, "adult-01-tree-shap.json"), "shap_values").Data);
        Assert.Equal(41, File.ReadAllLines(Path.Combine(outDir, "adult-01-tree-shap.csv")).Length);

        // The step's options win over Interp:Explainers, which wins over the defaults.
        using (var pfi = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "adult-02-permutation-feature-importance.json"))))
        {
            var options = pfi.RootElement.GetProperty("options");
            Assert.Equal(3, options.GetProperty("Repeats").GetInt32());
            Assert.Equal(11, options.GetProperty("Seed").GetInt32());
            Assert.Equal(14, pfi.RootElement.GetProperty("importance").GetArrayLength());
        }

        var csv = File.ReadAllLines(Path.Combine(outDir, "adult-02-permutation-feature-importance.csv"));
        Assert.Equal("feature,importance,standard_error", csv[0]);
        Assert.Equal(15, csv.Length);

        var igFile = Path.Combine(_temp, "ig.json");
        direct = CliRunner.Run("/", "attribute", "--model", onnx, "--method", "integrated-gradients", "--inputs", inputs,
            "--set", "Rule=riemann_trapezoid", "--set", "Steps=50", "--out", igFile);
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        Assert.Equal(Values(igFile, "attributions").Data, Values(Path.Combine(outDir, "mlp-01-integrated-gradients.json"), "attributions").Data);
    }

    [Theory]
    [InlineData("""{ "Name": "TreeShapp" }""", "Interp:Pipelines:adult:Steps:1:Name: unknown explainer 'TreeShapp'")]
    [InlineData("""{ "Name": "TreeShap", "Options": { "Colour": "red" } }""", "Interp:Pipelines:adult:Steps:1:Options: Colour is not an option")]
    [InlineData("""{ "Name": "TreeShap", "Optoins": { } }""", "Interp:Pipelines:adult:Steps:1:Optoins is not a pipeline key")]
    [InlineData("""{ "Name": "PermutationFeatureImportance", "Options": { "Repeats": 0 } }""", "Repeats")]
    public void BadStepsFailBeforeAnyStepRuns(string badStep, string expected)
    {
        var (model, data, _) = AdultCsvFiles.Write(_temp, NativeLightGbm.Binary.Model, "income", 10);
        var config = Config($$"""
            { "Interp": { "Pipelines": { "adult": { "Model": "{{Path.GetFileName(model)}}", "Data": "{{Path.GetFileName(data)}}", "Label": "income",
              "Output": "out", "Steps": [ { "Name": "TreeShap" }, {{badStep}} ] } } } }
            """);
        var r = CliRunner.Run("/", "explain", "--config", config);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_temp, "out")), "nothing may be written when a step is invalid");
    }

    [Fact]
    public void MissingFilesUnknownPipelinesAndMissingLabelsAreClearErrors()
    {
        var (model, data, _) = AdultCsvFiles.Write(_temp, NativeLightGbm.Binary.Model, "income", 10);
        var config = Config($$"""
            { "Interp": { "Pipelines": {
                "adult": { "Model": "{{Path.GetFileName(model)}}", "Data": "{{Path.GetFileName(data)}}", "Steps": [ { "Name": "PermutationFeatureImportance" } ] },
                "ghost": { "Model": "nowhere.zip", "Data": "{{Path.GetFileName(data)}}", "Steps": [ { "Name": "TreeShap" } ] } } } }
            """);
        var r = CliRunner.Run("/", "explain", "--config", config, "--pipeline", "adult");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("PermutationFeatureImportance needs Data and Label", r.Stderr);

        r = CliRunner.Run("/", "explain", "--config", config, "--pipeline", "ghost");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Interp:Pipelines:ghost:Model: file", r.Stderr);
        Assert.Contains("nowhere.zip' does not exist", r.Stderr);

        r = CliRunner.Run("/", "explain", "--config", config, "--pipeline", "other");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("declares adult, ghost", r.Stderr);

        var broken = Path.Combine(_temp, "broken.json");
        File.WriteAllText(broken, "{ \"Interp\": { \"Pipelines\": ");
        r = CliRunner.Run("/", "explain", "--config", broken);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not valid JSON", r.Stderr);
    }

    private string Config(string json)
    {
        var path = Path.Combine(_temp, "appsettings.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Explainers.Tensors.NdArray<float> Values(string file, string property)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        return NestedArray.ReadFloat(doc.RootElement.GetProperty(property), property);
    }
}
