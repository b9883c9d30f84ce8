using System.CommandLine;
using Kessan.Diagnostics;
using Kessan.Roll;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan roll DIR --to 2Q03 --out NEW</c>: starts the next quarter's release from this one.</summary>
public static class RollCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("definition") { Description = "Folder of the release definition to roll forward." };
        var to = new Option<string>("--to") { Description = "The quarter the new release reports on, e.g. 2Q03 or 2Q2003; later than the current one.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to create the new release definition in (new or empty).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the output folder even if it is not empty." };
        var command = new Command("roll", "Start the next quarter's release: move the periods, carry the facts still used as comparatives, drop the rest.")
        {
            dir, to, output, force,
        };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(to)!, parse.GetValue(output)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string definitionDir, string target, string outDir, bool force, TextWriter stdout, TextWriter stderr)
    {
        var rolled = ReleaseRoller.Roll(definitionDir, target);
        var problems = rolled.Diagnostics.Where(d => d.Severity == Severity.Error).Concat(CheckOutput(definitionDir, outDir, force)).ToList();
        if (problems.Count > 0 || rolled.Value is null)
        {
            foreach (var d in problems)
            {
                stderr.WriteLine(d);
            }

            stderr.WriteLine($"kessan roll: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was written.");
            return ExitCodes.BadInput;
        }

        var release = rolled.Value;
        var written = OutputFolder.CreateFolder(outDir, folder =>
        {
            release.WriteTo(folder);
            return true;
        }, replace: true);
        if (ProblemReport.OutputFails("roll", written, stderr))
        {
            return ExitCodes.BadInput;
        }

        var current = release.Periods["current"];
        stdout.WriteLine($"rolled {definitionDir} from {current.Before.Label} to {current.After.Label}: wrote {release.Files.Count} files to {outDir}");
        stdout.WriteLine("periods: " + string.Join(", ", release.Periods.Select(p => $"{p.Key} {p.Value.After.Label} (was {p.Value.Before.Label})")));
        foreach (var facts in release.Facts)
        {
            var byPeriod = facts.Carried.GroupBy(f => f.Period).OrderByDescending(g => g.Count())
                .Select(g => $"{Describe(g.Key, release.Calendar)}: {g.Count()}");
            stdout.WriteLine($"{facts.RelativePath}: carried {facts.Carried.Count} facts the new release still uses ({string.Join(", ", byPeriod)}); dropped {facts.Dropped.Count} no longer used");
        }

        foreach (var w in release.Warnings)
        {
            stdout.WriteLine(w with { Location = w.Location is { } at ? at with { File = Path.Combine(outDir, at.File) } : null });
        }

        var added = release.Periods.Values.Select(p => p.After).Where(q => !release.Periods.Values.Any(p => p.Before == q)).Select(q => q.Label).Distinct().ToList();
        var quarters = added.Count > 1 ? string.Join(", ", added[..^1]) + " and " + added[^1] : string.Concat(added);
        stdout.WriteLine($"next: enter the facts of {quarters} in {Path.Combine(outDir, release.Facts.FirstOrDefault()?.RelativePath ?? "facts.csv")}; 'kessan build {outDir}' lists those still missing");
        return ExitCodes.Ok;
    }

    private static string Describe(Model.Period period, Model.FiscalCalendar calendar) =>
        !period.IsInstant && calendar.QuarterOf(period.End).Period == period ? calendar.QuarterOf(period.End).Label : period.ToString();

    private static IEnumerable<Diagnostic> CheckOutput(string definitionDir, string outDir, bool force)
    {
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(definitionDir));
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        bool Within(string inner, string outer) => inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (Within(target, source) || Within(source, target))
        {
            yield return Diagnostic.Error(RollCodes.BadOutput, null, $"the output folder '{outDir}' must be a folder of its own, not '{definitionDir}' nor inside or around it");
        }
        else if (File.Exists(target))
        {
            yield return Diagnostic.Error(RollCodes.BadOutput, null, $"the output folder '{outDir}' is a file");
        }
        else if (!force && Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            yield return Diagnostic.Error(RollCodes.BadOutput, null, $"the output folder '{outDir}' exists and is not empty: name a new folder, or pass --force to replace it");
        }
    }
}
