using System.Globalization;
using Kessan.Diagnostics;

namespace Kessan.Kpi;

/// <summary>
/// What a synthetic register must reproduce: for each period end date, the count of every count concept and the
/// contract bandwidth (Gbps, as shown to 0.1) of every bandwidth concept. Read from a definition's file
/// (<see cref="Read"/>), never written in code.
/// </summary>
public sealed record RegisterTargets(
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyDictionary<string, long[]> Counts,
    IReadOnlyDictionary<string, decimal[]> BandwidthGbps)
{
    /// <summary>
    /// Reads targets from a CSV file <c>concept,date,value</c> (one line per concept and period end; a concept whose
    /// is a bandwidth concept of <paramref name="kpis"/> is a bandwidth in Gbps, any other a count), with every problem at its line.
    /// </summary>
    public static Result<RegisterTargets> Read(string path, KpiDefinition kpis)
    {
        var diagnostics = new List<Diagnostic>();
        if (!File.Exists(path))
        {
            return new Result<RegisterTargets>(null, [Diagnostic.Error(RegisterCodes.MissingFile, new SourceLocation(path, 0), $"the register targets file '{path}' does not exist")]);
        }

        var values = new List<(string Concept, DateOnly Date, decimal Value)>();
        var text = TextInput.ReadAllText(path);
        if (text.Value is null)
        {
            return new Result<RegisterTargets>(null, text.Diagnostics);
        }

        using (var reader = new StringReader(text.Value))
        {
            foreach (var record in CsvRecords.Read(reader))
            {
                var at = new SourceLocation(path, record.Line);
                if (record.Fields.Length == 0 || record.Fields[0].TrimStart().StartsWith('#') || record.Fields[0] == "concept")
                {
                    continue;
                }

                if (record.Problem is not null || record.Fields.Length != 3 ||
                    !DateOnly.TryParseExact(record.Fields[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ||
                    !decimal.TryParse(record.Fields[2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.SynthTargets, at, "a target line should read 'concept,date,value' (date as YYYY-MM-DD, value a number)"));
                    continue;
                }

                values.Add((record.Fields[0].Trim(), date, value));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new Result<RegisterTargets>(null, diagnostics);
        }

        var dates = values.Select(v => v.Date).Distinct().Order().ToList();
        var bandwidth = kpis.BandwidthConcepts.ToHashSet(StringComparer.Ordinal);
        decimal[] Series(string concept) => dates.Select(d => values.FirstOrDefault(v => v.Concept == concept && v.Date == d).Value).ToArray();
        var concepts = values.Select(v => v.Concept).Distinct().ToList();
        return Result<RegisterTargets>.Ok(new RegisterTargets(
            dates,
            concepts.Where(c => !bandwidth.Contains(c)).ToDictionary(c => c, c => Series(c).Select(v => (long)v).ToArray(), StringComparer.Ordinal),
            concepts.Where(bandwidth.Contains).ToDictionary(c => c, Series, StringComparer.Ordinal)));
    }
}
