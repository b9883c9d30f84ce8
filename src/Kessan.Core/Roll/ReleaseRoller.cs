using System.Globalization;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Facts;
using Kessan.Model;

namespace Kessan.Roll;

/// <summary>One file of a rolled release: copied as it is from <see cref="SourcePath"/>, or written as <see cref="Text"/>.</summary>
public sealed record RolledFile(string RelativePath, string? SourcePath, string? Text);

/// <summary>What happened to one facts file: the facts carried into the new release, and those dropped.</summary>
public sealed record CarriedFacts(string RelativePath, IReadOnlyList<Fact> Carried, IReadOnlyList<Fact> Dropped);

/// <summary>
/// The next quarter's release definition, not yet written: every file of the old one, release.yaml moved to the new
/// periods, the facts files cut to the facts the new release still uses, and warnings naming what the user must update
/// by hand (the FX rate; dates written out in text). Locations are relative to the release folder.
/// </summary>
public sealed record RolledRelease(
    string SourceDirectory,
    FiscalCalendar Calendar,
    IReadOnlyDictionary<string, (ReportingPeriod Before, ReportingPeriod After)> Periods,
    IReadOnlyList<RolledFile> Files,
    IReadOnlyList<CarriedFacts> Facts,
    IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Writes every file into <paramref name="folder"/> (an empty or new folder).</summary>
    public void WriteTo(string folder)
    {
        foreach (var file in Files)
        {
            var target = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (file.Text is { } text)
            {
                File.WriteAllText(target, text);
            }
            else
            {
                File.Copy(file.SourcePath!, target);
            }
        }
    }
}

/// <summary>
/// Rolls a release definition forward to a later quarter: current becomes the target quarter; a role written relative to
/// it (<c>year_to_date</c>, <c>quarter -1y</c>, <c>year_end -1y</c>) is resolved anew, so year-to-date grows and a year
/// end stays a year end; a role written as a fixed quarter moves by the same number of quarters; fixed dates stay.
/// Facts are carried only if the new release still uses them (as comparatives or opening balances), so that building
/// the new release names exactly the facts still to enter. Reads files, writes none.
/// </summary>
public static class ReleaseRoller
{
    private static readonly string[] TextExtensions = [".yaml", ".yml", ".txt", ".md", ".csv"];

    public static Result<RolledRelease> Roll(string directory, string target)
    {
        var diagnostics = new List<Diagnostic>();
        if (!FiscalCalendar.MarchYearEnd.TryParseQuarter(target, out _))
        {
            diagnostics.Add(Diagnostic.Error(RollCodes.BadQuarter, null, $"--to '{target}' is not a fiscal quarter: write the quarter to roll to as 2Q03 or 2Q2003"));
        }

        var loaded = DefinitionLoader.Load(directory);
        diagnostics.AddRange(loaded.Diagnostics.Where(d => d.Severity == Severity.Error));
        if (loaded.Value is not { } definition || diagnostics.Count > 0)
        {
            return new Result<RolledRelease>(null, diagnostics);
        }

        var root = Path.GetFullPath(directory);
        var factFiles = new List<(string Relative, string Full, FactSet Facts)>();
        foreach (var file in definition.FactFiles)
        {
            var full = Path.GetFullPath(Path.Combine(root, file));
            var relative = Path.GetRelativePath(root, full);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                diagnostics.Add(Diagnostic.Error(RollCodes.FactsOutside, new SourceLocation(Path.Combine(directory, DefinitionLoader.ReleaseFile), 0), $"the facts file '{file}' is outside the release folder, so it cannot be rolled with it: move it into the folder"));
                continue;
            }

            var read = FactsReader.Read(full, definition);
            diagnostics.AddRange(read.Diagnostics.Where(d => d.Severity == Severity.Error));
            factFiles.Add((relative, full, read.Value ?? FactSet.Empty));
        }

        definition.Calendar.TryParseQuarter(target, out var to);
        var from = definition.Current;
        if (to.CompareTo(from) <= 0)
        {
            diagnostics.Add(Diagnostic.Error(RollCodes.NotForward, null, $"--to {to.Label} is not after {from.Label}, the quarter the release reports on: a release rolls forward only"));
        }

        if (diagnostics.Count > 0)
        {
            return new Result<RolledRelease>(null, diagnostics);
        }

        var steps = Index(to) - Index(from);
        var roles = definition.Roles.ToDictionary(r => r.Key, r => r.Value.Rolled(steps), StringComparer.Ordinal);
        var periods = roles.ToDictionary(r => r.Key, r => (Before: definition.Periods[r.Key], After: r.Value.Resolve(to)), StringComparer.Ordinal);
        var rolled = definition with
        {
            Periods = periods.ToDictionary(p => p.Key, p => p.Value.After, StringComparer.Ordinal),
            Fx = definition.Fx is { } rate ? rate with { AsOf = to.End } : null,
            Roles = roles,
        };

        // release.yaml: the lines of roles written as fixed quarters, and fx.as_of, edited in place.
        var releasePath = Path.Combine(root, DefinitionLoader.ReleaseFile);
        var quarterEdits = definition.Roles
            .Where(r => r.Value.FixedQuarter is not null)
            .ToDictionary(r => r.Key, r => (Before: r.Value.FixedQuarter!.Value, After: roles[r.Key].FixedQuarter!.Value), StringComparer.Ordinal);
        var edited = ReleaseYamlEditor.Roll(File.ReadAllText(releasePath), releasePath, quarterEdits, to.End);
        diagnostics.AddRange(edited.Diagnostics);
        if (edited.Value is not { } release)
        {
            return new Result<RolledRelease>(null, diagnostics);
        }

        var rewritten = new Dictionary<string, string>(StringComparer.Ordinal) { [DefinitionLoader.ReleaseFile] = release.Text };
        var changedLines = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal) { [DefinitionLoader.ReleaseFile] = release.ChangedLines };

        // Facts: keep those the new release uses, drop the rest.
        var used = ReleaseUsage.Figures(rolled);
        var carried = new List<CarriedFacts>();
        foreach (var (relative, full, facts) in factFiles)
        {
            var keep = facts.All.Where(f => used.Contains((f.Concept, f.Period))).OrderBy(f => f.Source?.Line).ToList();
            var drop = facts.All.Where(f => !used.Contains((f.Concept, f.Period))).OrderBy(f => f.Source?.Line).ToList();
            var factLines = facts.All.Select(f => f.Source?.Line ?? 0).ToHashSet();
            var keepLines = keep.Select(f => f.Source?.Line ?? 0).ToHashSet();
            rewritten[relative] = FactsCarrier.Carry(File.ReadAllText(full), factLines, keepLines);
            carried.Add(new CarriedFacts(relative, keep, drop));
        }

        var files = new List<RolledFile>();
        foreach (var full in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, full);
            files.Add(rewritten.TryGetValue(relative, out var text) ? new RolledFile(relative, null, text) : new RolledFile(relative, full, null));
        }

        var warnings = new List<Diagnostic>();
        foreach (var (role, spec) in definition.Roles)
        {
            var at = new SourceLocation(DefinitionLoader.ReleaseFile, 0);
            if (spec.FixedDates is { } dates)
            {
                warnings.Add(Diagnostic.Warning(RollCodes.FixedPeriod, at, $"period '{role}' is written as fixed dates ({dates.Label}), so it did not move: write it relative to current (such as 'year_to_date' or 'year_end -1y') if it should"));
            }
            else if (spec.FixedQuarter is { Number: 4 } q && roles[role].FixedQuarter is { Number: not 4 } moved &&
                     q != from.Previous && q != from.PriorYear)
            {
                warnings.Add(Diagnostic.Warning(RollCodes.YearEndMoved, at, $"period '{role}' was {q.Label}, a fiscal year's last quarter, and is now {moved.Label}: if it stands for the prior year end, write it as 'year_end -1y' so that it stays at a year end"));
            }
        }

        if (release.RateLine > 0 && definition.Fx is { } fx)
        {
            warnings.Add(Diagnostic.Warning(RollCodes.StaleRate, new SourceLocation(DefinitionLoader.ReleaseFile, release.RateLine), $"the FX rate {fx.Rate.ToString(CultureInfo.InvariantCulture)} ({fx.From} per {fx.To}) is still the rate of {Iso(fx.AsOf)}: replace it with the rate of {Iso(to.End)} (fx.as_of now says {Iso(to.End)}, and the notes quote both)"));
        }

        // The tables, texts and document frame: what placeholders are expanded in, so what a placeholder can replace.
        var templates = definition.Tables.Select(t => t.Source.File)
            .Concat((definition.Texts ?? []).Select(t => t.File))
            .Append(Path.Combine(directory, Render.ReleaseFrame.File))
            .Select(f => Path.GetRelativePath(root, Path.GetFullPath(f)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Where(f => TextExtensions.Contains(Path.GetExtension(f.RelativePath).ToLowerInvariant())))
        {
            var text = file.Text ?? File.ReadAllText(file.SourcePath!);
            warnings.AddRange(StaleMentions(file.RelativePath, text, changedLines.GetValueOrDefault(file.RelativePath), templates.Contains(file.RelativePath), definition, rolled));
        }

        return new Result<RolledRelease>(new RolledRelease(directory, definition.Calendar, periods, files, carried, warnings), diagnostics);
    }

    /// <summary>
    /// Dates and quarter labels of the old periods written out in a text file (in a CSV file, only in comments); in a
    /// template (a table, a text, the document frame) also years, lengths of a year to date and quarters in words, each
    /// with the placeholder to write instead (whole-line YAML comments left out).
    /// </summary>
    private static IEnumerable<Diagnostic> StaleMentions(string relativePath, string text, IReadOnlySet<int>? skip, bool template, ReleaseDefinition old, ReleaseDefinition rolled)
    {
        var csv = relativePath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var yaml = relativePath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || relativePath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if ((skip?.Contains(i + 1) ?? false) || (csv && !lines[i].TrimStart().StartsWith('#')))
            {
                continue;
            }

            var at = new SourceLocation(relativePath, i + 1);
            var mentions = DateMentions.Find(lines[i], old.Calendar);
            foreach (var mention in mentions)
            {
                var role = mention.Quarter is { } q
                    ? old.Periods.FirstOrDefault(p => p.Value.Kind == PeriodKind.Quarter && p.Value.Quarter == q).Key
                    : old.Periods.FirstOrDefault(p => p.Value.Start <= mention.Date && mention.Date <= p.Value.End).Key
                      ?? old.Periods.FirstOrDefault(p => p.Value.Start.AddDays(-1) == mention.Date).Key;
                if (role is null)
                {
                    continue;
                }

                var period = old.Periods[role];
                var what = mention.Quarter is null
                    ? $"'{mention.Text}', a date of {period.Label}"
                    : $"the quarter '{mention.Text}'";
                var instead = !template ? null : mention.Quarter is null ? LiteralPeriods.DatePlaceholder(mention, role, period) : $"{{{role}}}";
                yield return Diagnostic.Warning(RollCodes.FixedDateInText, at, $"the text names {what} ({role} before the roll, now {rolled.Periods[role].Label}): it does not move with the periods; {(instead is null ? "update it if it should" : $"write {instead} if it should")}");
            }

            if (!template || (yaml && lines[i].TrimStart().StartsWith('#')))
            {
                continue;
            }

            foreach (var literal in LiteralPeriods.Find(lines[i], old.Periods, mentions))
            {
                yield return Diagnostic.Warning(RollCodes.LiteralPeriod, at, $"'{literal.Text}' is written out, {literal.What} {literal.Role} ({old.Periods[literal.Role].Label} before the roll, now {rolled.Periods[literal.Role].Label}): it does not move with the periods; write {literal.Replacement} if it should");
            }
        }
    }

    private static int Index(FiscalQuarter q) => (q.FiscalYear * 4) + q.Number - 1;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
