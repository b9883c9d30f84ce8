using System.Globalization;
using CsvHelper;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Facts;

/// <summary>
/// Reads base facts from a CSV file with the columns <c>concept,period,value</c> and optionally <c>scale</c>
/// (units, thousands, millions) and <c>note</c>. Values are stored in base units: <c>3,321,229</c> in thousands is
/// 3,321,229,000 yen, known to the thousand (decimals −3). A period is a quarter label (<c>1Q03</c>), a year-to-date
/// label (<c>6M26</c>: the six months of fiscal 2026 to the end of its second quarter), a fiscal-year label
/// (<c>FY25</c>) — for a balance, the end date of each —, a date (<c>2003-06-30</c>) or a date range
/// (<c>2003-04-01..2003-06-30</c>). The labels are those <see cref="ReportingPeriod.Label"/> gives the release's periods.
/// </summary>
public static partial class FactsReader
{
    private static readonly string[] Required = ["concept", "period", "value"];

    public static Result<FactSet> Read(string path, ReleaseDefinition definition) =>
        Read(path, definition.Concepts, definition.Calendar, periods: definition.Periods);

    /// <param name="periods">The release's periods by role, named in the message of a period that cannot be read.</param>
    public static Result<FactSet> Read(string path, IReadOnlyDictionary<string, Concept> concepts, FiscalCalendar calendar, System.Text.Encoding? encoding = null, IReadOnlyDictionary<string, ReportingPeriod>? periods = null)
    {
        var diagnostics = new List<Diagnostic>();
        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(FactCodes.MissingFile, new SourceLocation(path, 0), $"the facts file '{path}' does not exist"));
            return new Result<FactSet>(FactSet.Empty, diagnostics);
        }

        var text = TextInput.ReadAllText(path, path, encoding);
        if (text.Value is null)
        {
            return new Result<FactSet>(FactSet.Empty, text.Diagnostics);
        }

        using var reader = new StringReader(text.Value);
        return Read(reader, path, concepts, calendar, periods);
    }

    /// <summary>
    /// The problem of a row with more fields than the header: most often a number written with a thousands separator
    /// and no quotes (519,709), which the comma splits in two.
    /// </summary>
    private static Diagnostic ExtraFields(int fields, int width, int valueColumn, Func<int, string> field, SourceLocation at)
    {
        var extra = fields - width;
        var joined = string.Join(",", Enumerable.Range(valueColumn, extra + 1).Select(field));
        if (valueColumn >= 0 && ThousandsSeparated().IsMatch(joined))
        {
            return Diagnostic.Error(FactCodes.UnquotedNumber, at, $"the value {joined} is split over {extra + 1} fields because it is not in quotes; write it as \"{joined}\" (a number with thousands separators must be quoted in a CSV file)");
        }

        return Diagnostic.Error(FactCodes.ExtraField, at, $"the row has {fields} fields but the header has {width}; remove the extra field, or put a field that holds a comma in quotes");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[-(]?\d{1,3}(,\d{3})+(\.\d+)?\)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsSeparated();

    public static Result<FactSet> Read(TextReader reader, string path, IReadOnlyDictionary<string, Concept> concepts, FiscalCalendar calendar, IReadOnlyDictionary<string, ReportingPeriod>? periods = null)
    {
        var diagnostics = new List<Diagnostic>();
        var facts = new Dictionary<(string, Period), Fact>();
        var options = new CsvReaderOptions { Separator = ',', CommentPrefix = '#', TrimWhitespace = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(FactCodes.BadHeader, new SourceLocation(path, 1), "the facts file is empty: it needs a header line 'concept,period,value,scale'"));
            return new Result<FactSet>(FactSet.Empty, diagnostics);
        }

        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(Diagnostic.Error(FactCodes.BadHeader, new SourceLocation(path, 1), $"the header line lacks the column(s) {string.Join(", ", missing)}; it should read 'concept,period,value,scale'"));
            return new Result<FactSet>(FactSet.Empty, diagnostics);
        }

        int Col(string name) => Array.IndexOf(header, name);
        var unknown = new Dictionary<string, (int Problem, List<int> Rows)>(StringComparer.Ordinal);
        var (iConcept, iPeriod, iValue, iScale) = (Col("concept"), Col("period"), Col("value"), Col("scale"));

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var at = new SourceLocation(path, line);
            string Field(int i) => i >= 0 && i < csv.FieldCount ? csv.GetString(i) ?? "" : "";
            if (csv.FieldCount > header.Length)
            {
                diagnostics.Add(ExtraFields(csv.FieldCount, header.Length, iValue, Field, at));
                continue;
            }
            var conceptId = Field(iConcept);
            var periodText = Field(iPeriod);
            var valueText = Field(iValue);
            var scaleText = Field(iScale);
            var ok = true;

            if (!concepts.TryGetValue(conceptId, out var concept))
            {
                // One problem per unknown concept, at its first row, however many rows name it.
                if (conceptId.Length == 0)
                {
                    diagnostics.Add(Diagnostic.Error(FactCodes.UnknownConcept, at, "the concept is missing"));
                }
                else if (unknown.TryGetValue(conceptId, out var earlier))
                {
                    earlier.Rows.Add(line);
                }
                else
                {
                    unknown[conceptId] = (diagnostics.Count, []);
                    diagnostics.Add(Diagnostic.Error(FactCodes.UnknownConcept, at, $"unknown concept '{conceptId}': it is not in the concepts file"));
                }

                ok = false;
            }

            var scale = 0;
            switch (scaleText.ToLowerInvariant())
            {
                case "" or "units" or "unit" or "yen":
                    break;
                case "thousands":
                    scale = 3;
                    break;
                case "millions":
                    scale = 6;
                    break;
                case "billions":
                    scale = 9;
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(FactCodes.UnknownScale, at, $"unknown scale '{scaleText}': use units, thousands, millions or billions"));
                    ok = false;
                    break;
            }

            if (!AmountText.TryParse(valueText, out var value, out var fractionDigits))
            {
                diagnostics.Add(Diagnostic.Error(FactCodes.BadValue, at, valueText.Length == 0
                    ? "the value is missing"
                    : $"'{valueText}' is not a number (write e.g. 3,321,229 or -1,059,574 or (1,059,574))"));
                ok = false;
            }

            Period period = default;
            if (!TryParsePeriod(periodText, concept?.PeriodType ?? PeriodType.Duration, calendar, out period, out var periodProblem, periods))
            {
                diagnostics.Add(Diagnostic.Error(FactCodes.BadPeriod, at, periodProblem));
                ok = false;
            }
            else if (concept is not null && period.Type != concept.PeriodType)
            {
                diagnostics.Add(Diagnostic.Error(FactCodes.WrongPeriodType, at, concept.PeriodType == PeriodType.Instant
                    ? $"'{conceptId}' is a balance at a date, but the period '{periodText}' is a span of time"
                    : $"'{conceptId}' is an amount over a period, but '{periodText}' is a single date"));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var fact = new Fact(conceptId, period, value * Fact.Pow10(scale), fractionDigits - scale, at);
            if (facts.TryGetValue((conceptId, period), out var first))
            {
                diagnostics.Add(Diagnostic.Error(FactCodes.Duplicate, at, $"'{conceptId}' for {periodText} is given twice (first at line {first.Source?.Line})"));
                continue;
            }

            facts[(conceptId, period)] = fact;
        }

        foreach (var (problem, more) in unknown.Values.Where(u => u.Rows.Count > 0))
        {
            var d = diagnostics[problem];
            diagnostics[problem] = d with { Message = $"{d.Message}; {more.Count} more row{(more.Count == 1 ? "" : "s")} name it too (line{(more.Count == 1 ? "" : "s")} {string.Join(", ", more.Take(5))}{(more.Count > 5 ? ", …" : "")})" };
        }

        return new Result<FactSet>(FactSet.Of(facts.Values), diagnostics);
    }

    /// <summary>
    /// Reads a period as written in a facts file: <c>2Q26</c>, <c>6M26</c>, <c>FY26</c>, <c>2026-06-30</c> or
    /// <c>2026-01-01..2026-06-30</c>. A label stands for the period's dates, or for a balance its end date. When the
    /// text is not a period, <paramref name="problem"/> says what is, with the labels of the release's
    /// <paramref name="periods"/> when given.
    /// </summary>
    public static bool TryParsePeriod(string text, PeriodType type, FiscalCalendar calendar, out Period period, out string problem, IReadOnlyDictionary<string, ReportingPeriod>? periods = null)
    {
        period = default;
        problem = "";
        text = text.Trim();
        if (text.Length == 0)
        {
            problem = "the period is missing";
            return false;
        }

        if (calendar.TryParseQuarter(text, out var q))
        {
            period = type == PeriodType.Instant ? q.EndInstant : q.Period;
            return true;
        }

        var forms = "write a quarter such as 2Q26, a year to date such as 6M26, a fiscal year such as FY26, a date such as 2026-06-30 (YYYY-MM-DD), or a range 2026-01-01..2026-06-30";
        var known = periods is null ? "" : $"; this release's periods are {string.Join(", ", periods.Values.Select(p => p.Label).Distinct())}";
        if (PeriodLabel().Match(text) is { Success: true } label)
        {
            var year = int.Parse(label.Groups[3].Value, CultureInfo.InvariantCulture);
            year += label.Groups[3].Value.Length == 2 ? (year < 70 ? 2000 : 1900) : 0;
            ReportingPeriod labelled;
            if (label.Groups[2].Success)
            {
                labelled = ReportingPeriod.FiscalYearOf(calendar.Quarter(year, 4));
            }
            else if (int.Parse(label.Groups[1].Value, CultureInfo.InvariantCulture) is var months && months is 3 or 6 or 9 or 12)
            {
                labelled = ReportingPeriod.YearToDate(calendar.Quarter(year, months / 3));
            }
            else
            {
                problem = $"'{text}' is not a period: a year to date runs 3, 6, 9 or 12 months from the start of the fiscal year (3M{label.Groups[3].Value}, 6M{label.Groups[3].Value}, 9M{label.Groups[3].Value}, 12M{label.Groups[3].Value}){known}";
                return false;
            }

            period = type == PeriodType.Instant ? Period.Instant(labelled.End) : Period.Duration(labelled.Start, labelled.End);
            return true;
        }

        if (periods is not null && periods.TryGetValue(text, out var role))
        {
            problem = $"'{text}' is a period role of release.yaml, which moves when the release is rolled; a fact names the period itself: write {role.Label}";
            return false;
        }

        var parts = text.Split("..");
        if (parts.Length is 1 or 2)
        {
            var dates = new List<DateOnly>();
            foreach (var p in parts)
            {
                if (!DateOnly.TryParseExact(p.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    problem = $"'{text}' is not a period: {forms}{known}";
                    return false;
                }

                dates.Add(d);
            }

            if (dates.Count == 2 && dates[1] < dates[0])
            {
                problem = $"the period '{text}' ends before it starts";
                return false;
            }

            period = dates.Count == 1 ? Period.Instant(dates[0]) : Period.Duration(dates[0], dates[1]);
            return true;
        }

        problem = $"'{text}' is not a period: {forms}{known}";
        return false;
    }

    /// <summary><c>6M26</c> (months to date of a fiscal year) or <c>FY26</c>, with a two- or four-digit year.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(\d{1,2})M|(FY))(\d{2}|\d{4})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PeriodLabel();
}
