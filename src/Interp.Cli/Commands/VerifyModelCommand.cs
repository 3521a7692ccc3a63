using System.CommandLine;
using System.Globalization;
using Interp.Core.Inputs;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Interp.Importers.Onnx.Verification;
using Spectre.Console;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp verify-model --model &lt;file.onnx&gt; [--inputs inputs.json] [--tolerance 1e-4] [--nodes]</c>: runs ONNX
/// Runtime and the imported TorchSharp model side by side and prints the max abs/rel difference per output (or
/// per node); exit 0 within tolerance, 1 otherwise.
/// </summary>
internal static class VerifyModelCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "ONNX model file.", Required = true };
        var inputs = new Option<FileInfo?>("--inputs") { Description = "inputs.json (default: random inputs of the declared shapes)." };
        var tolerance = new Option<double>("--tolerance") { Description = "Allowed max |difference| relative to each value's scale (max |value|, at least 1).", DefaultValueFactory = _ => 1e-4 };
        tolerance.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v > 0 && v < 1)) r.AddError("--tolerance must be in (0, 1).");
        });
        var nodes = new Option<bool>("--nodes") { Description = "Compare every node's output, not only the graph outputs." };
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 0 };
        var command = new Command("verify-model", "Compare the imported (TorchSharp) model with ONNX Runtime, output by output.") { model, inputs, tolerance, nodes, seed };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), () =>
        {
            var path = parse.GetValue(model)!.FullName;
            INdArray[] values;
            using (var imported = OnnxImporter.Import(path))
            {
                var inputsFile = parse.GetValue(inputs);
                values = inputsFile is null
                    ? OnnxImportVerifier.RandomInputs(imported, parse.GetValue(seed))
                    : InputsFile.Load(inputsFile.FullName, imported).Inputs.ToArray();
                Console.Out.WriteLine($"{path}: opset {imported.Graph.Opset}, {imported.Graph.EvaluatedNodes} nodes evaluated, {imported.Graph.FoldedNodes} folded at load{(imported.Graph.Batchified ? ", fixed batch of 1 made dynamic" : "")}");
                Console.Out.WriteLine("inputs: " + string.Join(", ", imported.Inputs.Zip(values).Select(p => $"{p.First.Name} {NdArray<float>.Format(p.Second.Shape)}")) + (inputsFile is null ? $" (random, seed {parse.GetValue(seed)})" : ""));
            }

            double tol = parse.GetValue(tolerance);
            var results = OnnxImportVerifier.Compare(path, values, tol, parse.GetValue(nodes));
            var table = new Table().AddColumns("Value", "Shape", "Max abs", "Max rel", "Scale", "OK");
            var shown = parse.GetValue(nodes) ? results.OrderByDescending(r => r.MaxAbs / r.Scale).Take(20).ToList() : results.ToList();
            foreach (var r in shown)
            {
                table.AddRow(Markup.Escape(r.Name), Markup.Escape("[" + string.Join(",", r.Shape) + "]"), r.MaxAbs.ToString("G3", CultureInfo.InvariantCulture),
                    r.MaxRel.ToString("G3", CultureInfo.InvariantCulture), r.Scale.ToString("G4", CultureInfo.InvariantCulture), r.WithinTolerance ? "yes" : "[red]NO[/]");
            }

            AnsiConsole.Write(table);
            int failed = results.Count(r => !r.WithinTolerance);
            Console.Out.WriteLine(failed == 0
                ? $"OK: {results.Count} value(s) within {tol.ToString("G3", CultureInfo.InvariantCulture)} of their scale."
                : $"FAILED: {failed} of {results.Count} value(s) differ by more than {tol.ToString("G3", CultureInfo.InvariantCulture)} of their scale.");
            return Task.FromResult(failed == 0 ? CliApp.Success : CliApp.RuntimeFailure);
        }));
        return command;
    }
}
