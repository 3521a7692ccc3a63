using System.Diagnostics;
using System.Text.Json;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Plugins;

/// <summary>
/// Plugins loaded from folders by the real CLI: the template copied under a new name and built, a plugin whose
/// registration throws, a plugin that ships its own contracts, a missing folder.
/// </summary>
public sealed class PluginFolderTests : IClassFixture<PluginFolderTests.BuiltPlugins>
{
    private readonly BuiltPlugins _plugins;

    public PluginFolderTests(BuiltPlugins plugins) => _plugins = plugins;

    [Fact]
    public void TemplateCopiedUnderANewNameShowsUpInExplainersList()
    {
        var r = CliRunner.Run("/", Env(_plugins.GoodRoot), "explainers", "list", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.True(rows.ContainsKey("AcmeFiniteDifference"), r.Stdout);
        Assert.Equal("plugin", rows["AcmeFiniteDifference"].GetProperty("source").GetString());
        Assert.Equal("acme-finite-difference", rows["AcmeFiniteDifference"].GetProperty("alias").GetString());
        Assert.True(rows.ContainsKey("FeatureAblation"));
    }

    [Fact]
    public void TemplateExplainerRunsThroughTheCliAndIsAccurateOnALinearLayerFreeRegion()
    {
        var r = CliRunner.Run("/", Env(_plugins.GoodRoot), "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx"),
            "--method", "acme-finite-difference", "--inputs", TestPaths.Reference("mlp_tabular", "inputs.json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "expected.json")));

        // Central differences are exact for a piecewise-linear model away from kinks: compare with Captum's
        // input×gradient times (x − baseline)/x, i.e. gradient·(x − baseline), computed from its saliency_signed.
        var grad = Core.Inputs.NestedArray.ReadFloat(expected.RootElement.GetProperty("methods").GetProperty("saliency_signed").GetProperty("attributions"), "g");
        var x = Core.Inputs.NestedArray.ReadFloat(JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "inputs.json"))).RootElement.GetProperty("inputs"), "x");
        var b = Core.Inputs.NestedArray.ReadFloat(JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "inputs.json"))).RootElement.GetProperty("baselines"), "b");
        var got = Core.Inputs.NestedArray.ReadFloat(doc.RootElement.GetProperty("attributions"), "a");
        for (int i = 0; i < got.Length; i++)
        {
            double want = grad.Data[i] * (x.Data[i] - b.Data[i % 8]);
            Assert.True(Math.Abs(want - got.Data[i]) < 2e-3, $"element {i}: want {want}, got {got.Data[i]}");
        }
    }

    [Fact]
    public void TemplateExplainerAndRegistrationFitInFiftyLines()
    {
        var file = Path.Combine(TestPaths.RepoRoot, "plugins", "template", "Interp.Plugin.Template", "FiniteDifferenceInputXGradient.cs");
        Assert.True(File.ReadAllLines(file).Length <= 50);
    }

    [Fact]
    public void PluginWhoseRegistrationThrowsFailsClearlyOrIsSkipped()
    {
        var r = CliRunner.Run("/", Env(_plugins.ThrowingRoot), "explainers", "list");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("failed to register", r.Stderr);
        Assert.Contains("registration failed on purpose", r.Stderr);

        var env = Env(_plugins.ThrowingRoot);
        env["Interp__Plugins__OnError"] = "skip";
        var skipped = CliRunner.Run("/", env, "explainers", "list");
        Assert.True(skipped.ExitCode == 0, skipped.Stderr);
        Assert.Contains("skipped plugin", skipped.Stdout);
        Assert.Contains("feature-ablation", skipped.Stdout);
    }

    [Fact]
    public void PluginShippingItsOwnContractsIsRejected()
    {
        var r = CliRunner.Run("/", Env(_plugins.OwnContractsRoot), "explainers", "list");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("ships its own copy of Interp.Explainers.Abstractions.dll", r.Stderr);
    }

    [Fact]
    public void MissingPluginFolderIsAConfigurationError()
    {
        var r = CliRunner.Run("/", Env("/no/such/plugin/folder"), "explainers", "list");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/no/such/plugin/folder", r.Stderr);
    }

    private static Dictionary<string, string> Env(string pluginRoot) => new()
    {
        // appsettings has PluginPaths [packs, plugins]; a third entry adds the test's folder.
        ["Interp__PluginPaths__2"] = pluginRoot,
    };

    /// <summary>Builds the template (renamed) once, a throwing variant, and a copy that ships the contracts.</summary>
    public sealed class BuiltPlugins : IDisposable
    {
        private readonly string _temp = Directory.CreateTempSubdirectory("interp-plugins-").FullName;

        public BuiltPlugins()
        {
            GoodRoot = Path.Combine(_temp, "good");
            ThrowingRoot = Path.Combine(_temp, "throwing");
            OwnContractsRoot = Path.Combine(_temp, "own-contracts");
            var good = CopyTemplate("Acme.Interp.FiniteDifference", s => s);
            Build(good, Path.Combine(GoodRoot, "Acme.Interp.FiniteDifference"));
            var throwing = CopyTemplate("Acme.Interp.Throwing", s => s.Replace(
                "registrar.AddExplainer<FiniteDifferenceInputXGradient>();",
                "throw new InvalidOperationException(\"registration failed on purpose\");", StringComparison.Ordinal));
            Build(throwing, Path.Combine(ThrowingRoot, "Acme.Interp.Throwing"));
            var own = Path.Combine(OwnContractsRoot, "Acme.Interp.FiniteDifference");
            CopyDirectory(Path.Combine(GoodRoot, "Acme.Interp.FiniteDifference"), own);
            File.Copy(Path.Combine(TestPaths.CliFolder, "Interp.Explainers.Abstractions.dll"), Path.Combine(own, "Interp.Explainers.Abstractions.dll"));
        }

        public string GoodRoot { get; }

        public string ThrowingRoot { get; }

        public string OwnContractsRoot { get; }

        public void Dispose() => Directory.Delete(_temp, recursive: true);

        private string CopyTemplate(string newName, Func<string, string> edit)
        {
            var source = Path.Combine(TestPaths.RepoRoot, "plugins", "template", "Interp.Plugin.Template");
            var target = Path.Combine(_temp, "src", newName);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                var name = Path.GetFileName(file).Replace("Interp.Plugin.Template", newName, StringComparison.Ordinal);
                var text = File.ReadAllText(file)
                    .Replace("Interp.Plugin.Template", newName, StringComparison.Ordinal)
                    .Replace("\"FiniteDifferenceInputXGradient\"", "\"AcmeFiniteDifference\"", StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(target, name), edit(text));
            }

            return Path.Combine(target, newName + ".csproj");
        }

        private static void Build(string project, string output)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "publish", project, "-c", TestPaths.Configuration, "-o", output, "-p:InterpRepoRoot=" + TestPaths.RepoRoot + "/", "-nologo", "-v:q" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(5))) p.Kill(true);
            if (p.ExitCode != 0) throw new InvalidOperationException($"dotnet publish {project} failed:\n{stdout.Result}\n{stderr.Result}");
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
            foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }
}
