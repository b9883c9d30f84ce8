using System.CommandLine;
using Kessan.Build;
using Kessan.Model;
using Kessan.Render;
using Kessan.Synth;

namespace Kessan.Cli.Commands;

/// <summary>
/// <c>kessan consolidate LEDGER-DIR --model DEFINITION-DIR [--format text|csv] [--out FILE]</c>: the consolidated
/// statements of a group's ledgers, per period they hold.
/// </summary>
public static class ConsolidateCommand
{
    public static Command Create()
    {
        var ledger = new Argument<string>("ledgers") { Description = "Folder of the group's ledgers: group.txt, ENTITY.map, *.journal or *.csv, and optionally cashflow.txt." };
        var model = new Option<string>("--model") { Description = "Folder of the release definition that gives the concepts (labels, sides, periods) and the fiscal calendar.", Required = true };
        var format = new Option<string>("--format") { Description = "text (statements to read) or csv (concept,period,amount).", DefaultValueFactory = _ => "text" };
        var output = new Option<string?>("--out") { Description = "Write the statements to this file instead of the screen (only when the input has no problems)." };
        var encoding = EncodingOption.Create("the ledgers, group, mappings and cash-flow files (and the model's facts); YAML files are always UTF-8");
        var command = new Command("consolidate", "Consolidate the group's ledgers and print its statements of operations, balance sheets and cash flows per quarter.")
        {
            ledger, model, format, output, encoding,
        };
        command.SetAction(parse => EncodingOption.TryGet(parse.GetValue(encoding), "consolidate", parse.InvocationConfiguration.Error, out var textEncoding)
            ? Run(parse.GetValue(ledger)!, parse.GetValue(model)!, parse.GetValue(format)!, parse.GetValue(output), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, textEncoding)
            : ExitCodes.BadInput);
        return command;
    }

    public static int Run(string ledgerDir, string definitionDir, string format, string? outFile, TextWriter stdout, TextWriter stderr, System.Text.Encoding? encoding = null)
    {
        format = format.Trim().ToLowerInvariant();
        if (format is not ("text" or "csv"))
        {
            stderr.WriteLine($"kessan consolidate: --format must be text or csv, not '{format}'.");
            return ExitCodes.BadInput;
        }

        if (outFile is not null && ProblemReport.OutputFails("consolidate", OutputFolder.CheckFile(outFile), stderr))
        {
            return ExitCodes.BadInput;
        }

        var (definition, _, loading) = ReleasePipeline.Load(definitionDir, encoding);
        var diagnostics = new List<Diagnostics.Diagnostic>(loading);
        GroupAccounts? accounts = null;
        IReadOnlyList<Fact> facts = [];
        if (definition is not null && !diagnostics.Any(d => d.Severity == Diagnostics.Severity.Error))
        {
            var consolidated = LedgerProgress.Run(progress => LedgerRelease.Consolidate(definition, ledgerDir, progress, encoding), LedgerProgress.IsTerminal(stderr));
            diagnostics.AddRange(consolidated.Diagnostics);
            accounts = consolidated.Value;
            var read = accounts?.ToFacts(definition.Concepts);
            diagnostics.AddRange(read?.Diagnostics ?? []);
            facts = read?.Value ?? [];
        }

        if (ProblemReport.Stops("consolidate", diagnostics, stderr, failed: accounts is null) || accounts is null)
        {
            return ExitCodes.BadInput;
        }

        var text = format == "csv" ? ConsolidationRenderer.Csv(facts) : ConsolidationRenderer.Text(definition!, accounts, facts);
        if (outFile is null)
        {
            stdout.Write(text);
            return ExitCodes.Ok;
        }

        if (ProblemReport.OutputFails("consolidate", OutputFolder.WriteFile(outFile, text), stderr))
        {
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"wrote {outFile}: {facts.Count:N0} amounts of {facts.Select(f => f.Concept).Distinct().Count()} concepts, {accounts.Balances.Periods.Count} quarters");
        return ExitCodes.Ok;
    }
}
