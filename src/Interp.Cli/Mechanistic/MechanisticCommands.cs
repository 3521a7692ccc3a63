using System.CommandLine;

namespace Interp.Cli.Mechanistic;

/// <summary>The mechanistic verbs: thin front-ends over the Mechanistic pack's explainers.</summary>
internal static class MechanisticCommands
{
    public static IEnumerable<Command> Create() =>
    [
        new MechanisticVerb("attention", "AttentionPatterns", "Attention patterns [layer][head][query][key] of a prompt.", corrupted: false, MechanisticTables.Attention).Create(),
        new MechanisticVerb("lens", "LogitLens", "Logit lens: unembed the residual stream at every layer × position.", corrupted: false, MechanisticTables.Lens).Create(),
        new MechanisticVerb("patch", "ActivationPatching", "Activation patching of a clean/corrupted prompt pair over a layer × position (or head) grid.", corrupted: true, MechanisticTables.Patching).Create(),
        new MechanisticVerb("attribution-patch", "AttributionPatching", "Attribution patching: the gradient approximation of the patching grid.", corrupted: true, MechanisticTables.Patching).Create(),
        new MechanisticVerb("dla", "DirectLogitAttribution", "Direct logit attribution of every head, MLP and embedding.", corrupted: false, MechanisticTables.Decomposition).Create(),
        new MechanisticVerb("heads", "HeadDetector", "Previous-token, duplicate-token and induction scores of every head.", corrupted: false, MechanisticTables.Heads).Create(),
    ];
}
