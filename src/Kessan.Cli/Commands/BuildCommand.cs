using System.CommandLine;
using Kessan.Build;
using Kessan.Render;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan build DIR --out OUT</c>: computes and renders the release described by DIR.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("definition") { Description = "Folder of the release definition (release.yaml, concepts, calculations, tables, facts)." };
        var output = new Option<string>("--out") { Description = "Folder to write release.txt, release.md, release.html and rounding.txt into.", DefaultValueFactory = _ => "out" };
        var ledger = new Option<string?>("--ledger") { Description = "Folder of the group's ledgers (group.txt, ENTITY.map, *.journal or *.csv): the statements of operations, balance sheets and (with cashflow.txt) cash flows come from their consolidation." };
        var command = new Command("build", "Compute every total, change, ratio and translation and render the release.") { dir, output, ledger };
        command.SetAction(parse => parse.GetValue(ledger) is { } ledgerDir
            ? RunFromLedger(parse.GetValue(dir)!, ledgerDir, parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
            : Run(parse.GetValue(dir)!, parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string definitionDir, string outDir, TextWriter stdout, TextWriter stderr)
    {
        var result = ReleasePipeline.Run(definitionDir);
        return Write(result, outDir, stdout, stderr);
    }

    /// <summary>Builds the release with the facts the ledgers hold taken from their consolidation.</summary>
    public static int RunFromLedger(string definitionDir, string ledgerDir, string outDir, TextWriter stdout, TextWriter stderr)
    {
        var (definition, facts, diagnostics) = LedgerProgress.Run(progress => Kessan.Synth.LedgerRelease.Load(definitionDir, ledgerDir, progress), LedgerProgress.IsTerminal(stderr));
        return Write(ReleasePipeline.BuildIfClean(definition, facts, diagnostics), outDir, stdout, stderr);
    }

    /// <summary>Writes the outputs of a build, or, if anything is wrong, every problem and nothing else.</summary>
    public static int Write(ReleasePipeline.Output result, string outDir, TextWriter stdout, TextWriter stderr)
    {
        if (ProblemReport.Stops("build", result.Diagnostics, stderr, failed: result.Document is null) || result.Document is not { } document)
        {
            return ExitCodes.BadInput;
        }

        var adjustments = result.Diagnostics.Where(d => d.Code == RoundingCodes.Adjusted).ToList();
        var utf8 = new System.Text.UTF8Encoding(false);
        var files = new Dictionary<string, byte[]>
        {
            ["release.txt"] = utf8.GetBytes(TextRenderer.Render(document)),
            ["release.md"] = utf8.GetBytes(MarkdownRenderer.Render(document)),
            ["release.html"] = utf8.GetBytes(HtmlRenderer.Render(document)),
            ["release.xlsx"] = Kessan.Publish.WorkbookWriter.Write(result.Definition!, document, result.Facts),
            ["rounding.txt"] = utf8.GetBytes(string.Concat(adjustments.Select(a => a.Message + "\n"))),
        };
        if (ProblemReport.OutputFails("build", OutputFolder.WriteAll(outDir, files), stderr))
        {
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"wrote {Path.Combine(outDir, "release.txt")}, release.md, release.html, release.xlsx: {document.Tables.Count} tables");
        stdout.WriteLine($"{adjustments.Count} figure{(adjustments.Count == 1 ? "" : "s")} shown one unit off plain rounding so that every table foots (listed in {Path.Combine(outDir, "rounding.txt")})");
        return ExitCodes.Ok;
    }
}
