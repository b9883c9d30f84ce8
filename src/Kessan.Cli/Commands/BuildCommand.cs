using System.CommandLine;
using Kessan.Build;
using Kessan.Diagnostics;
using Kessan.Publish;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan build DIR --out OUT</c>: computes and renders the release described by DIR.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("definition") { Description = "Folder of the release definition (release.yaml, concepts, calculations, tables, facts)." };
        var output = new Option<string>("--out") { Description = "Folder to write release.txt, release.md, release.html and rounding.txt into.", DefaultValueFactory = _ => "out" };
        var ledger = new Option<string?>("--ledger") { Description = "Folder of the group's ledgers (group.txt, ENTITY.map, *.journal or *.csv): the statements of operations, balance sheets and (with cashflow.txt) cash flows come from their consolidation." };
        var format = new Option<string?>("--format") { Description = "Output formats, separated by commas: txt, md, html, xlsx, xhtml (Inline XBRL), pdf. Default: all but pdf, and pdf too when a Chromium browser is found." };
        var encoding = EncodingOption.Create("the facts files, narrative texts and (with --ledger) ledgers, group, mappings and cash-flow files; YAML files are always UTF-8");
        var command = new Command("build", "Compute every total, change, ratio and translation and render the release.") { dir, output, ledger, format, encoding };
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!EncodingOption.TryGet(parse.GetValue(encoding), "build", stderr, out var textEncoding))
            {
                return ExitCodes.BadInput;
            }

            return parse.GetValue(ledger) is { } ledgerDir
                ? RunFromLedger(parse.GetValue(dir)!, ledgerDir, parse.GetValue(output)!, stdout, stderr, parse.GetValue(format), textEncoding)
                : Run(parse.GetValue(dir)!, parse.GetValue(output)!, stdout, stderr, parse.GetValue(format), textEncoding);
        });
        return command;
    }

    public static int Run(string definitionDir, string outDir, TextWriter stdout, TextWriter stderr, string? formats = null, System.Text.Encoding? encoding = null)
    {
        var result = ReleasePipeline.Run(definitionDir, encoding);
        return Write(result, outDir, stdout, stderr, formats);
    }

    /// <summary>Builds the release with the facts the ledgers hold taken from their consolidation.</summary>
    public static int RunFromLedger(string definitionDir, string ledgerDir, string outDir, TextWriter stdout, TextWriter stderr, string? formats = null, System.Text.Encoding? encoding = null)
    {
        var (definition, facts, diagnostics) = LedgerProgress.Run(progress => Kessan.Synth.LedgerRelease.Load(definitionDir, ledgerDir, progress, encoding), LedgerProgress.IsTerminal(stderr));
        return Write(ReleasePipeline.BuildIfClean(definition, facts, diagnostics), outDir, stdout, stderr, formats);
    }

    /// <summary>Writes the outputs of a build in the chosen formats, or, if anything is wrong, every problem and nothing else.</summary>
    public static int Write(ReleasePipeline.Output result, string outDir, TextWriter stdout, TextWriter stderr, string? formats = null)
    {
        var browser = ChromiumPrinter.Find();
        var chosen = formats is null
            ? new Result<IReadOnlyList<string>>(browser is null ? ReleaseOutputs.SelfContained : ReleaseOutputs.Formats, [])
            : ReleaseOutputs.Parse(formats);
        if (ProblemReport.Stops("build", chosen.Diagnostics, stderr))
        {
            return ExitCodes.BadInput;
        }

        if (ProblemReport.Stops("build", result.Diagnostics, stderr, failed: result.Document is null) || result.Document is not { } document)
        {
            return ExitCodes.BadInput;
        }

        var rendered = ReleaseOutputs.Render(result, chosen.Value!, browser is null ? null : html => ChromiumPrinter.Print(browser, html));
        if (ProblemReport.Stops("build", rendered.Diagnostics, stderr))
        {
            return ExitCodes.BadInput;
        }

        var files = rendered.Value!;
        if (ProblemReport.OutputFails("build", OutputFolder.WriteAll(outDir, files), stderr))
        {
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"wrote {string.Join(", ", files.Keys.Where(k => k.StartsWith("release.", StringComparison.Ordinal)).Select(k => Path.Combine(outDir, k)))}: {document.Tables.Count} tables");
        if (formats is null && browser is null)
        {
            stdout.WriteLine("no release.pdf: no Chromium browser was found to print it (install chromium, or set KESSAN_CHROMIUM to its path)");
        }

        var adjustments = result.Diagnostics.Count(d => d.Code == RoundingCodes.Adjusted);
        stdout.WriteLine($"{adjustments} figure{(adjustments == 1 ? "" : "s")} shown one unit off plain rounding so that every table foots (listed in {Path.Combine(outDir, "rounding.txt")})");
        return ExitCodes.Ok;
    }
}
