using System.CommandLine;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Output;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan verify FILE... [--format text|json]</c>: checks every number in published releases against the rest of them.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Release files to verify (.txt with tab-separated tables, .md, .html).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format: text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var explain = new Option<bool>("--explain") { Description = "List every relation checked, with its figures." };
        var encoding = EncodingOption.Create("the releases");
        var command = new Command("verify", "Find every number in a results release that the rest of it contradicts.") { files, format, explain, encoding };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var paths = parse.GetValue(files) ?? [];
            var json = parse.GetValue(format) == "json";
            if (!EncodingOption.TryGet(parse.GetValue(encoding), "verify", parse.InvocationConfiguration.Error, out var textEncoding))
            {
                return ExitCodes.BadInput;
            }

            return Run(paths.Select(f => f.ToString()).ToList(), json, output, parse.GetValue(explain), textEncoding);
        });
        return command;
    }

    /// <summary>Verifies each file in turn and prints its findings before reading the next, so memory stays flat.</summary>
    public static int Run(IReadOnlyList<string> paths, bool json, TextWriter output, bool explain = false, System.Text.Encoding? encoding = null)
    {
        int errors = 0, warnings = 0, infos = 0;
        var unusable = false;
        var jsonWriter = json ? new ReportWriter.JsonDocumentWriter(output) : null;
        try
        {
            foreach (var path in paths)
            {
                var report = Verifier.VerifyFile(path, encoding, explain);
                unusable |= report.Unusable;
                errors += report.Findings.Count(f => f.Severity == Severity.Error);
                warnings += report.Findings.Count(f => f.Severity == Severity.Warning);
                infos += report.Findings.Count(f => f.Severity == Severity.Info);
                if (jsonWriter is not null)
                {
                    jsonWriter.Write(report, explain);
                }
                else
                {
                    ReportWriter.WriteText(output, report, explain);
                }
            }
        }
        finally
        {
            jsonWriter?.Dispose();
        }

        if (!json)
        {
            ReportWriter.WriteTextSummary(output, paths.Count, errors, warnings, infos);
        }

        return unusable ? ExitCodes.BadInput : errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
