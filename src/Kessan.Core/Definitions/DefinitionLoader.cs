using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Model;
using YamlDotNet.RepresentationModel;

namespace Kessan.Definitions;

/// <summary>
/// Reads a release folder's definition files (release.yaml and the files it names) into a
/// <see cref="ReleaseDefinition"/>, collecting every problem with its file and line.
/// </summary>
public static partial class DefinitionLoader
{
    public const string ReleaseFile = "release.yaml";

    private static readonly Dictionary<string, Balance> Balances = new() { ["debit"] = Balance.Debit, ["credit"] = Balance.Credit, ["none"] = Balance.None };
    private static readonly Dictionary<string, PeriodType> PeriodTypes = new() { ["duration"] = PeriodType.Duration, ["instant"] = PeriodType.Instant };
    private static readonly Dictionary<string, Measure> Measures = new() { ["value"] = Measure.Value, ["change"] = Measure.Change, ["percent_change"] = Measure.Change, ["amount_change"] = Measure.AmountChange, ["difference"] = Measure.AmountChange, ["share"] = Measure.Share, ["translation"] = Measure.Translation };
    private static readonly Dictionary<string, Scale> Scales = new() { ["units"] = Scale.Units, ["thousands"] = Scale.Thousands, ["millions"] = Scale.Millions, ["billions"] = Scale.Billions };
    private static readonly Dictionary<string, NegativeStyle> Negatives = new() { ["parentheses"] = NegativeStyle.Parentheses, ["minus"] = NegativeStyle.Minus };
    private static readonly Dictionary<string, SymbolStyle> SymbolStyles = new() { ["none"] = SymbolStyle.None, ["marked"] = SymbolStyle.Marked, ["all"] = SymbolStyle.All };
    private static readonly Dictionary<string, PercentBase> PercentBases = new() { ["signed"] = PercentBase.Signed, ["absolute"] = PercentBase.Absolute };
    private static readonly Dictionary<string, FootingRule> FootingRules = new() { ["grand_totals_fixed"] = FootingRule.GrandTotalsFixed, ["any_figure"] = FootingRule.AnyFigure, ["plain_rounding"] = FootingRule.PlainRounding };
    private static readonly Dictionary<string, PercentSignStyle> PercentSigns = new() { ["all"] = PercentSignStyle.All, ["marked"] = PercentSignStyle.Marked };
    private static readonly Dictionary<string, Anchor> Anchors = new() { ["end"] = Anchor.End, ["start"] = Anchor.Start };
    private static readonly Dictionary<string, DayOfWeek> WeekDays = Enum.GetValues<DayOfWeek>().ToDictionary(d => d.ToString().ToLowerInvariant());
    private static readonly Dictionary<string, WeekYearEnd> WeekRules = new() { ["nearest"] = WeekYearEnd.Nearest, ["last"] = WeekYearEnd.Last };
    private static readonly Dictionary<string, FiscalYearNaming> Namings = new() { ["start"] = FiscalYearNaming.StartYear, ["end"] = FiscalYearNaming.EndYear };

    /// <summary>
    /// Reads the definition of the release folder <paramref name="directory"/>; the narrative texts are read in
    /// <paramref name="textEncoding"/> (UTF-8 when null), the YAML files always in UTF-8.
    /// </summary>
    public static Result<ReleaseDefinition> Load(string directory, System.Text.Encoding? textEncoding = null)
    {
        var diagnostics = new List<Diagnostic>();
        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingFile, new SourceLocation(directory, 0), $"the release folder '{directory}' does not exist"));
            return new Result<ReleaseDefinition>(null, diagnostics);
        }

        var release = Open(directory, ReleaseFile, diagnostics);
        var root = release.Mapping(release.Root, "release.yaml");
        if (root is null)
        {
            if (release.Root is null && diagnostics.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingKey, new SourceLocation(release.Path, 1), "release.yaml is empty"));
            }

            return new Result<ReleaseDefinition>(null, diagnostics);
        }

        var company = release.String(root, "company", required: true) ?? "";

        var cal = release.Mapping(YamlDocument.Get(root, "calendar"), "calendar");
        var yearEnd = release.Int(cal, "year_end_month") ?? 12;
        var naming = release.Enum(cal, "fiscal_year_named_by", Namings) ?? FiscalYearNaming.EndYear;
        var weekDay = release.Enum(cal, "week_ends_on", WeekDays);
        var weeks = weekDay is { } day ? new FiscalWeeks(day, release.Enum(cal, "week_year_end", WeekRules) ?? WeekYearEnd.Nearest) : null;
        FiscalCalendar calendar;
        if (yearEnd is < 1 or > 12)
        {
            release.Error(YamlDocument.Get(cal, "year_end_month")!, DefinitionCodes.BadValue, $"year_end_month should be a month from 1 to 12, not {yearEnd}");
            calendar = new FiscalCalendar(12, naming);
        }
        else
        {
            calendar = new FiscalCalendar(yearEnd, naming, weeks);
        }

        var roles = new Dictionary<string, PeriodRole>(StringComparer.Ordinal);
        // A role of release.yaml that could not be read, with the problem that says so: the columns that use it are
        // not checked again (one problem, with what it blocks, instead of one per column).
        var failedRoles = new Dictionary<string, Diagnostic>(StringComparer.Ordinal);
        Diagnostic? currentProblem = null;
        var periodEntries = release.Mapping(YamlDocument.Get(root, "periods"), "periods")?.Children.ToList() ?? [];
        foreach (var (key, value) in periodEntries)
        {
            var role = (key as YamlScalarNode)?.Value ?? "";
            var text = (value as YamlScalarNode)?.Value ?? "";
            var parsed = PeriodRole.Parse(text, calendar, out var problem);
            if (role == "current" && parsed?.FixedQuarter is null)
            {
                release.Error(value, DefinitionCodes.BadPeriod, $"period 'current' should be the fiscal quarter the release reports on, such as 2Q26, not '{text}'");
                currentProblem = diagnostics[^1];
            }
            else if (parsed is null)
            {
                release.Error(value, DefinitionCodes.BadPeriod, $"period '{role}': {problem}");
                failedRoles[role] = diagnostics[^1];
            }
            else
            {
                roles[role] = parsed;
            }
        }

        var periods = new Dictionary<string, ReportingPeriod>(StringComparer.Ordinal);
        if (roles.TryGetValue("current", out var currentRole))
        {
            var current = currentRole.FixedQuarter!.Value;
            foreach (var (role, spec) in roles)
            {
                periods[role] = spec.Resolve(current);
            }
        }
        else
        {
            if (currentProblem is null)
            {
                release.Error(root, DefinitionCodes.MissingKey, "periods: 'current' (the quarter reported on, e.g. 1Q03) is missing");
                currentProblem = diagnostics[^1];
            }

            // Every role is placed relative to the current quarter: none of them has dates without it.
            foreach (var (key, _) in periodEntries)
            {
                failedRoles.TryAdd((key as YamlScalarNode)?.Value ?? "", currentProblem);
            }

            failedRoles.TryAdd("current", currentProblem);
        }

        Currency? currency = null;
        if (release.String(root, "currency") is { } currencyText)
        {
            if (Currency.TryParse(currencyText, out var c))
            {
                currency = c;
            }
            else
            {
                release.Error(YamlDocument.Get(root, "currency")!, DefinitionCodes.BadValue, $"currency should be an ISO code such as USD, EUR, GBP or JPY, not '{currencyText}'");
            }
        }

        var fx = LoadFx(release, root, currency, periods.GetValueOrDefault("current"));

        var conceptsDoc = Open(directory, release.String(root, "concepts") ?? "concepts.yaml", diagnostics);
        var concepts = LoadConcepts(conceptsDoc, currency);
        var calcDoc = Open(directory, release.String(root, "calculations") ?? "calculations.yaml", diagnostics);
        var (calculations, ratios, rollForwards) = LoadCalculations(calcDoc);

        // The release's contents in order: tables (.yaml) and narrative (.txt).
        var tables = new List<TableDefinition>();
        var texts = new List<TextDefinition>();
        var layout = new List<string>();
        var contentsNode = YamlDocument.Get(root, "contents") ?? YamlDocument.Get(root, "tables");
        foreach (var file in release.Strings(contentsNode, "contents"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                var path = Path.Combine(directory, file);
                if (!File.Exists(path))
                {
                    diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingFile, new SourceLocation(path, 0), $"the narrative file '{path}' does not exist"));
                    continue;
                }

                var text = TextInput.ReadAllText(path, path, textEncoding);
                diagnostics.AddRange(text.Diagnostics);
                if (text.Value is null)
                {
                    continue;
                }

                texts.Add(new TextDefinition(id, text.Value, path));
                layout.Add(id);
                continue;
            }

            var doc = Open(directory, file, diagnostics);
            if (LoadTable(doc, id) is { } table)
            {
                tables.Add(table);
                layout.Add(table.Id);
            }
        }

        var factFiles = release.Strings(YamlDocument.Get(root, "facts"), "facts");

        ContractRegisterSource? register = null;
        if (release.Mapping(YamlDocument.Get(root, "register"), "register") is { } registerMap)
        {
            register = new ContractRegisterSource(
                release.String(registerMap, "contracts", required: true) ?? "contracts.csv",
                release.String(registerMap, "kpis") ?? Kpi.KpiDefinition.FileName);
        }

        var definition = new ReleaseDefinition(directory, company, calendar, periods, fx, concepts, calculations, ratios, rollForwards, tables, factFiles, register, texts, layout)
        {
            Roles = roles,
            ReportingCurrency = currency,
            Footing = release.Enum(root, "footing", FootingRules) ?? FootingRule.GrandTotalsFixed,
            Acronyms = release.Strings(YamlDocument.Get(root, "acronyms"), "acronyms"),
        };
        if (conceptsDoc.Root is null)
        {
            if (conceptsDoc.Empty)
            {
                diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingKey, new SourceLocation(conceptsDoc.Path, 1), "the concepts file is empty: it must list the concepts under 'concepts:'"));
            }

            // Without the concepts, every concept named in the tables, calculations and facts would be reported as
            // unknown: the problem of the concepts file stands alone, saying what it blocks, and nothing goes on.
            Blocks(diagnostics, d => d.Location?.File == conceptsDoc.Path, "no table, calculation or fact naming a concept was checked, since the concepts are defined in this file");
            return new Result<ReleaseDefinition>(null, diagnostics);
        }

        Validate(definition, failedRoles, diagnostics);
        Circular(definition.Calculations, diagnostics);
        return new Result<ReleaseDefinition>(definition, diagnostics);
    }

    /// <summary>
    /// Adds to the last error <paramref name="root"/> picks out what it blocked (<paramref name="blocked"/>), so that one
    /// problem stands for the ones it would otherwise cause.
    /// </summary>
    internal static void Blocks(List<Diagnostic> diagnostics, Func<Diagnostic, bool> root, string blocked)
    {
        var at = diagnostics.FindLastIndex(d => d.Severity == Severity.Error && root(d));
        if (at >= 0)
        {
            diagnostics[at] = diagnostics[at] with { Message = $"{diagnostics[at].Message} ({blocked})" };
        }
    }

    /// <summary>
    /// The convenience translation (optional): <c>fx: {from: JPY, to: USD, rate: 119.87, as_of: 2003-06-30}</c>; from is
    /// the reporting currency when omitted, and must be it when given.
    /// </summary>
    private static ExchangeRate? LoadFx(YamlDocument release, YamlMappingNode root, Currency? currency, ReportingPeriod? current)
    {
        if (YamlDocument.Get(root, "fx") is not { } fxNode || release.Mapping(fxNode, "fx") is not { } fxMap)
        {
            return null;
        }

        Currency? Code(string key, Currency? fallback)
        {
            var text = release.String(fxMap, key);
            if (text is null)
            {
                if (fallback is null)
                {
                    release.Error(fxNode, DefinitionCodes.MissingKey, $"fx: '{key}' (a currency code such as USD) is missing");
                }

                return fallback;
            }

            if (Currency.TryParse(text, out var c))
            {
                return c;
            }

            release.Error(YamlDocument.Get(fxMap, key)!, DefinitionCodes.BadValue, $"fx.{key} should be a currency code such as USD, EUR, GBP or JPY, not '{text}'");
            return null;
        }

        var from = Code("from", currency);
        var to = Code("to", null);
        var rate = release.Decimal(fxMap, "rate");
        if (rate is null && YamlDocument.Get(fxMap, "rate") is null)
        {
            release.Error(fxNode, DefinitionCodes.MissingRate, "fx: 'rate' (units of the reporting currency per unit of the translation currency) is missing");
        }
        else if (rate <= 0)
        {
            release.Error(YamlDocument.Get(fxMap, "rate")!, DefinitionCodes.BadValue, "the FX rate should be a positive number");
        }

        if (from is { } f && currency is { } reporting && f != reporting)
        {
            release.Error(YamlDocument.Get(fxMap, "from")!, DefinitionCodes.BadValue, $"fx.from is {f} but the release reports in {reporting}: the translation is from the reporting currency");
        }

        var asOf = ParseDate(release, fxMap, "as_of") ?? current?.End;
        return from is { } a && to is { } b && rate > 0 && asOf is { } day ? new ExchangeRate(a, b, rate.Value, day) : null;
    }

    private static YamlDocument Open(string directory, string file, List<Diagnostic> diagnostics) =>
        YamlDocument.Load(Path.Combine(directory, file), Path.Combine(directory, file), diagnostics);

    private static DateOnly? ParseDate(YamlDocument doc, YamlMappingNode? map, string key)
    {
        var text = doc.String(map, key);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        doc.Error(YamlDocument.Get(map, key)!, DefinitionCodes.BadDate, $"'{key}' should be a date written as YYYY-MM-DD, not '{text}'");
        return null;
    }

    private static Dictionary<string, Concept> LoadConcepts(YamlDocument doc, Currency? currency)
    {
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        var root = doc.Mapping(doc.Root, "the concepts file");
        foreach (var node in doc.Sequence(YamlDocument.Get(root, "concepts"), "concepts"))
        {
            var map = doc.Mapping(node, "a concept");
            var id = doc.String(map, "id", required: true, owner: node);
            if (id is null)
            {
                continue;
            }

            var unit = doc.String(map, "unit") ?? currency?.Code;
            if (unit is null)
            {
                doc.Error(node, DefinitionCodes.MissingKey, $"concept '{id}' has no unit and release.yaml names no reporting currency ('currency: USD'): give one or the other");
                unit = "pure";
            }

            var concept = new Concept(
                id,
                doc.String(map, "label") ?? id,
                doc.Enum(map, "period", PeriodTypes) ?? PeriodType.Duration,
                doc.Enum(map, "balance", Balances) ?? Balance.None,
                unit);
            if (!concepts.TryAdd(id, concept))
            {
                doc.Error(node, DefinitionCodes.DuplicateConcept, $"concept '{id}' is defined twice");
            }
        }

        return concepts;
    }

    [GeneratedRegex(@"^\s*(?:(?<sign>[-+])\s*)?(?:(?<weight>\d+(?:\.\d+)?)\s*\*\s*)?(?<concept>[A-Za-z][\w.]*)\s*$")]
    private static partial Regex ItemPattern();

    private static (List<Calculation>, List<Ratio>, List<RollForward>) LoadCalculations(YamlDocument doc)
    {
        var calculations = new List<Calculation>();
        var ratios = new List<Ratio>();
        var rollForwards = new List<RollForward>();
        var root = doc.Mapping(doc.Root, "the calculations file");
        foreach (var node in doc.Sequence(YamlDocument.Get(root, "calculations"), "calculations"))
        {
            var map = doc.Mapping(node, "a calculation");
            var total = doc.String(map, "total", required: true, owner: node);
            var items = new List<CalculationItem>();
            foreach (var itemNode in doc.Sequence(YamlDocument.Get(map, "items"), "items"))
            {
                var text = (itemNode as YamlScalarNode)?.Value ?? "";
                var m = ItemPattern().Match(text);
                if (!m.Success)
                {
                    doc.Error(itemNode, DefinitionCodes.BadItem, $"an item should read 'concept', '-concept' or '2000 * concept', not '{text}'");
                    continue;
                }

                var weight = m.Groups["weight"].Success ? decimal.Parse(m.Groups["weight"].Value, CultureInfo.InvariantCulture) : 1m;
                if (m.Groups["sign"].Value == "-")
                {
                    weight = -weight;
                }

                items.Add(new CalculationItem(m.Groups["concept"].Value, weight));
            }

            if (total is not null)
            {
                calculations.Add(new Calculation(total, items, doc.At(node)));
            }
        }

        foreach (var node in doc.Sequence(YamlDocument.Get(root, "ratios"), "ratios"))
        {
            var map = doc.Mapping(node, "a ratio");
            var concept = doc.String(map, "concept", required: true, owner: node);
            var numerator = doc.String(map, "numerator", required: true, owner: node);
            var denominator = doc.String(map, "denominator", required: true, owner: node);
            if (concept is not null && numerator is not null && denominator is not null)
            {
                ratios.Add(new Ratio(concept, numerator, denominator, doc.Decimal(map, "multiplier") ?? 1m, doc.At(node)));
            }
        }

        foreach (var node in doc.Sequence(YamlDocument.Get(root, "rollforwards"), "rollforwards"))
        {
            var map = doc.Mapping(node, "a roll-forward");
            var balance = doc.String(map, "balance", required: true, owner: node);
            var change = doc.String(map, "change", required: true, owner: node);
            if (balance is not null && change is not null)
            {
                rollForwards.Add(new RollForward(balance, change, doc.At(node)));
            }
        }

        return (calculations, ratios, rollForwards);
    }

    private static TableDefinition? LoadTable(YamlDocument doc, string fallbackId)
    {
        var map = doc.Mapping(doc.Root, "a table definition");
        if (map is null)
        {
            if (doc.Empty)
            {
                // Left out silently, the release would lack a table and nothing would say so.
                doc.FileError(DefinitionCodes.MissingKey, "the table file is empty: it must give the table's columns and rows");
            }

            return null;
        }

        var styleMap = doc.Mapping(YamlDocument.Get(map, "style"), "style");
        var style = new TableStyle(
            doc.Enum(styleMap, "negative", Negatives) ?? NegativeStyle.Parentheses,
            doc.Enum(styleMap, "percent_sign", PercentSigns) ?? PercentSignStyle.All,
            doc.String(styleMap, "zero") ?? "-",
            doc.String(styleMap, "missing") ?? "")
        {
            PercentNegative = doc.Enum(styleMap, "percent_negative", Negatives),
            NotMeaningful = doc.String(styleMap, "not_meaningful") ?? "n/m",
            Symbol = doc.Enum(styleMap, "symbol", SymbolStyles) ?? SymbolStyle.None,
            PercentThousands = doc.Bool(styleMap, "percent_thousands") ?? false,
        };
        var defaultScale = doc.Enum(map, "scale", Scales) ?? Scale.Units;

        var columns = new List<ColumnDefinition>();
        foreach (var node in doc.Sequence(YamlDocument.Get(map, "columns"), "columns"))
        {
            var c = doc.Mapping(node, "a column");
            var measure = doc.Enum(c, "measure", Measures) ?? Measure.Value;
            var isPercent = measure is Measure.Change or Measure.Share;
            columns.Add(new ColumnDefinition(
                measure,
                doc.String(c, "period") ?? "current",
                doc.String(c, "base"),
                doc.String(c, "of"),
                isPercent ? Scale.Units : doc.Enum(c, "scale", Scales) ?? defaultScale,
                doc.Int(c, "decimals") ?? (isPercent ? 1 : 0),
                doc.At(node))
            {
                PercentBase = doc.Enum(c, "percent_base", PercentBases) ?? PercentBase.Signed,
                SignChangeNotMeaningful = NotMeaningfulRules(doc, c).Contains("sign_change"),
                NotMeaningfulAbove = doc.Decimal(c, "not_meaningful_above"),
                Negative = doc.Enum(c, "negative", Negatives),
                Zero = doc.String(c, "zero"),
                Symbol = doc.Enum(c, "symbol", SymbolStyles),
            });
            if (measure is Measure.Change or Measure.AmountChange && doc.String(c, "base") is null)
            {
                doc.Error(node, DefinitionCodes.MissingKey, "a change column needs 'base' (the period it is compared with, e.g. prior_year)");
            }

            if (measure == Measure.Share && doc.String(c, "of") is null)
            {
                doc.Error(node, DefinitionCodes.MissingKey, "a share column needs 'of' (the concept it is a percent of, e.g. revenue.total)");
            }
        }

        var rows = new List<RowDefinition>();
        foreach (var node in doc.Sequence(YamlDocument.Get(map, "rows"), "rows"))
        {
            var r = doc.Mapping(node, "a row");
            var heading = doc.String(r, "heading");
            var concept = doc.String(r, "concept");
            if (heading is null && concept is null)
            {
                doc.Error(node, DefinitionCodes.MissingKey, "a row needs either 'concept' or 'heading'");
                continue;
            }

            rows.Add(new RowDefinition(
                heading ?? doc.String(r, "label") ?? concept!,
                heading is null ? concept : null,
                doc.Int(r, "sign") ?? 1,
                doc.Enum(r, "scale", Scales),
                doc.Int(r, "decimals"),
                doc.Bool(r, "values_only") ?? false,
                doc.Bool(r, "percent_sign") ?? false,
                doc.Enum(r, "at", Anchors) ?? Anchor.End,
                doc.At(node))
            {
                Symbol = doc.Bool(r, "symbol") ?? false,
                Negative = doc.Enum(r, "negative", Negatives),
            });
        }

        var header = doc.Sequence(YamlDocument.Get(map, "header"), "header").Select(h => doc.Strings(h, "a header row")).ToList();
        return new TableDefinition(
            doc.String(map, "id") ?? fallbackId,
            doc.Strings(YamlDocument.Get(map, "title"), "title"),
            header,
            columns,
            rows,
            doc.Strings(YamlDocument.Get(map, "notes"), "notes"),
            style,
            doc.At(map));
    }

    /// <summary>A change column's <c>not_meaningful</c> list: <c>zero_base</c> (always the case) and <c>sign_change</c>.</summary>
    private static HashSet<string> NotMeaningfulRules(YamlDocument doc, YamlMappingNode? column)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        if (YamlDocument.Get(column, "not_meaningful") is not { } node)
        {
            return rules;
        }

        foreach (var rule in doc.Strings(node, "not_meaningful"))
        {
            if (rule is "zero_base" or "sign_change")
            {
                rules.Add(rule);
            }
            else
            {
                doc.Error(node, DefinitionCodes.UnknownChoice, $"not_meaningful lists '{rule}': the rules are zero_base and sign_change");
            }
        }

        return rules;
    }

    /// <summary>
    /// Calculations that refer to each other in a circle (a total among its own items, directly or through other
    /// totals) cannot be computed; each circle is reported once, at the calculation where it is first met.
    /// </summary>
    private static void Circular(IReadOnlyList<Calculation> calculations, List<Diagnostic> diagnostics)
    {
        var byTotal = calculations.GroupBy(c => c.Total, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string concept)
        {
            if (done.Contains(concept) || !byTotal.TryGetValue(concept, out var calcs))
            {
                return;
            }

            path.Add(concept);
            onPath.Add(concept);
            foreach (var calc in calcs)
            {
                foreach (var item in calc.Items)
                {
                    if (onPath.Contains(item.Concept))
                    {
                        var circle = path.Skip(path.IndexOf(item.Concept)).Append(item.Concept);
                        diagnostics.Add(Diagnostic.Error(DefinitionCodes.CircularCalculation, calc.Source, $"the calculations go round in a circle ({string.Join(" → ", circle)}): a total cannot be among its own items, directly or through other totals; remove one of these calculations"));
                    }
                    else
                    {
                        Visit(item.Concept);
                    }
                }
            }

            onPath.Remove(concept);
            path.RemoveAt(path.Count - 1);
            done.Add(concept);
        }

        foreach (var c in calculations)
        {
            Visit(c.Total);
        }
    }

    /// <summary>
    /// Cross-file checks: every concept and period role that is named exists. An unknown concept is one problem, at the
    /// first place that names it, however many places do; a role whose period could not be read (<paramref name="failedRoles"/>)
    /// is not reported again at each column that uses it: its problem says how many columns it blocks.
    /// </summary>
    private static void Validate(ReleaseDefinition d, IReadOnlyDictionary<string, Diagnostic> failedRoles, List<Diagnostic> diagnostics)
    {
        var unknown = new Dictionary<string, List<SourceLocation>>(StringComparer.Ordinal);
        var blocked = new Dictionary<Diagnostic, int>(ReferenceEqualityComparer.Instance);
        void Unknown(string concept, SourceLocation at)
        {
            if (!d.Concepts.ContainsKey(concept))
            {
                if (!unknown.TryGetValue(concept, out var places))
                {
                    unknown[concept] = places = [];
                }

                places.Add(at);
            }
        }

        foreach (var c in d.Calculations)
        {
            Unknown(c.Total, c.Source);
            foreach (var i in c.Items)
            {
                Unknown(i.Concept, c.Source);
            }
        }

        foreach (var r in d.Ratios)
        {
            Unknown(r.Concept, r.Source);
            Unknown(r.Numerator, r.Source);
            Unknown(r.Denominator, r.Source);
        }

        foreach (var r in d.RollForwards)
        {
            Unknown(r.Balance, r.Source);
            Unknown(r.Change, r.Source);
        }

        foreach (var t in d.Tables)
        {
            foreach (var row in t.Rows.Where(r => r.Concept is not null))
            {
                Unknown(row.Concept!, row.Source);
            }

            foreach (var col in t.Columns)
            {
                foreach (var role in new[] { col.Period, col.Base }.OfType<string>())
                {
                    if (failedRoles.TryGetValue(role, out var root))
                    {
                        blocked[root] = blocked.GetValueOrDefault(root) + 1;
                    }
                    else if (!d.Periods.ContainsKey(role))
                    {
                        diagnostics.Add(Diagnostic.Error(DefinitionCodes.UnknownPeriod, col.Source, $"unknown period '{role}': release.yaml names {string.Join(", ", d.Periods.Keys)}"));
                    }
                }

                if (col.Of is { } of)
                {
                    Unknown(of, col.Source);
                }
            }
        }

        foreach (var (concept, places) in unknown)
        {
            var others = places.Distinct().Skip(1).ToList();
            var also = others.Count == 0 ? ""
                : $"; it is named at {others.Count} more place{(others.Count == 1 ? "" : "s")} too ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", …" : "")})";
            diagnostics.Add(Diagnostic.Error(DefinitionCodes.UnknownConcept, places[0], $"unknown concept '{concept}': it is not in the concepts file{also}"));
        }

        foreach (var (root, count) in blocked)
        {
            Blocks(diagnostics, root.Equals, $"{count} table column{(count == 1 ? "" : "s")} that use{(count == 1 ? "s" : "")} {(root.Message.StartsWith("period 'current'", StringComparison.Ordinal) || root.Code == DefinitionCodes.MissingKey ? "the periods of release.yaml" : "this period")} could not be checked");
        }
    }
}
