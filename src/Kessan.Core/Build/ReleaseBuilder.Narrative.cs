using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>
/// Narrative: text blocks whose figures are expressions evaluated against the same rounded figures as the tables, so a
/// sentence can never quote a number that its table does not show.
/// <list type="bullet">
/// <item><c>{amount:revenue.total}</c> → 8,344 (millions of the reporting currency; <c>|scale=billions|decimals=2</c> →
/// 1.37; <c>|symbol</c> → ¥8,344; <c>|money</c> → $8,344 million, with the currency's symbol and the scale's word)</item>
/// <item><c>{translated:revenue.total}</c> → 69.6 (millions of the convenience currency at the release's rate, one decimal)</item>
/// <item><c>{diff:revenue.total@prior_year}</c> → 1,105 (the amount of change, current less the base, as the tables show them)</item>
/// <item><c>{jpy:…}</c> and <c>{usd:…}</c> are the older names of <c>amount</c> and <c>translated</c>.</item>
/// <item><c>{chg:revenue.total@prior_year}</c> → 15.3 (the size of the percent change shown in the tables)</item>
/// <item><c>{dir:revenue.total@prior_year}</c> → decrease (<c>|words=rose/fell</c>; <c>|abs</c> compares sizes, so a
/// growing loss "increased")</item>
/// <item><c>{sign:income_tax_expense|words=an expense of/a benefit of}</c> → a word chosen by the figure's sign</item>
/// <item><c>{conj:revenue.total}</c> → "and" when the changes from the prior year and quarter go the same way, else "but"</item>
/// <item><c>{val:per_ads.basic|decimals=2}</c> → -43.98; <c>{pct:margin.systems_integration}</c> → 3.5</item>
/// </list>
/// <c>@role</c> picks the period (current by default; for chg, dir and diff the base, prior_year by default, compared
/// with <c>|from=role</c>, current by default); <c>|abs</c> drops the sign; <c>|base=absolute</c> divides a percent change
/// by the size of its base.
/// </summary>
public static partial class ReleaseBuilder
{
    [GeneratedRegex(@"\{(?<kind>amount|translated|diff|jpy|usd|chg|dir|conj|sign|val|pct):(?<concept>[A-Za-z][\w.]*)(?:@(?<role>[a-z_]+))?(?<mods>(?:\|[^|}]*)*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();

    [GeneratedRegex(@"(?m)^#(?!#).*(\n|$)")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    private sealed class Figures(
        ReleaseDefinition definition,
        FactSet facts,
        IReadOnlyDictionary<NodeKey, decimal> shown,
        Action<string, Period, SourceLocation?, string> reportMissing,
        Action<SourceLocation, string> noRate)
    {
        /// <summary>Reports that a translation is asked for with no rate given.</summary>
        public void NoRate(SourceLocation at, string what) => noRate(at, what);

        public ReleaseDefinition Definition => definition;

        /// <summary>The figure of a concept for a period role, or null (reported as missing, with the facts to enter).</summary>
        public Fact? Fact(string concept, string role, SourceLocation? at = null)
        {
            if (!definition.Periods.TryGetValue(role, out var reporting) || !definition.Concepts.TryGetValue(concept, out var c) ||
                reporting.At(c.PeriodType) is not { } period)
            {
                return null;
            }

            var fact = facts.Find(concept, period);
            if (fact is null && at is not null)
            {
                reportMissing(concept, period, at, $"the narrative ({Path.GetFileName(at.Value.File)})");
            }

            return fact;
        }

        /// <summary>The figure in display units as the tables show it, or plainly rounded where no table shows it.</summary>
        public decimal Shown(Measure measure, int scale, int decimals, Fact fact)
        {
            var key = new NodeKey(new GroupKey(measure, scale - decimals, null), fact.Concept, fact.Period);
            if (shown.TryGetValue(key, out var units))
            {
                return units / Kessan.Model.Fact.Pow10(decimals);
            }

            var value = measure == Measure.Translation ? Translate(definition, definition.Concepts[fact.Concept], fact.Value) : fact.Value;
            return Math.Round(value / Kessan.Model.Fact.Pow10(scale), decimals, MidpointRounding.AwayFromZero);
        }
    }

    private static RenderedText RenderText(TextDefinition text, Figures figures, List<Diagnostic> diagnostics)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Template.Length; i++)
        {
            if (text.Template[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        SourceLocation At(int index)
        {
            var line = lineStarts.FindLastIndex(s => s <= index);
            return new SourceLocation(text.File, line + 1, index - lineStarts[line] + 1);
        }

        // Lines starting with a single '#' are comments for the people who edit the file.
        var template = CommentLine().Replace(text.Template, "");
        var expanded = Expression().Replace(template, m => Evaluate(m, figures, At(m.Index), diagnostics) ?? "(?)");
        var unknown = new List<string>();
        expanded = Placeholders.Expand(expanded, figures.Definition, unknown);
        foreach (var u in unknown.Distinct())
        {
            var index = text.Template.IndexOf(u, StringComparison.Ordinal);
            if (figures.Definition.Fx is null && u.StartsWith("{fx.", StringComparison.Ordinal))
            {
                figures.NoRate(index >= 0 ? At(index) : new SourceLocation(text.File, 0), $"{u} quotes the exchange rate");
                continue;
            }

            diagnostics.Add(Diagnostic.Error(NarrativeCodes.BadPlaceholder, index >= 0 ? At(index) : new SourceLocation(text.File, 0), $"'{u}' is not a figure or placeholder Kessan knows (figures: amount, translated, diff, chg, dir, conj, sign, val, pct; placeholders: current, prior_year, fx.rate, ... — see docs/narrative.md)"));
        }
        var paragraphs = ParagraphBreak().Split(expanded.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
            .Select(p => p.Trim())
            .Where(p => p.Length > 0 && !p.StartsWith('#') || p.StartsWith("## ", StringComparison.Ordinal))
            .ToList();
        return new RenderedText(text.Id, paragraphs);
    }

    private static string? ScaleWord(int scale) => scale switch { 3 => "thousand", 6 => "million", 9 => "billion", _ => null };

    private static string? Evaluate(Match m, Figures figures, SourceLocation at, List<Diagnostic> diagnostics)
    {
        var kind = m.Groups["kind"].Value switch { "jpy" => "amount", "usd" => "translated", var k => k };
        var concept = m.Groups["concept"].Value;
        var role = m.Groups["role"].Success ? m.Groups["role"].Value : "current";
        var mods = m.Groups["mods"].Value.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => x.Split('=', 2))
            .ToDictionary(x => x[0].Trim(), x => x.Length > 1 ? x[1].Trim() : "", StringComparer.Ordinal);
        var definition = figures.Definition;

        string? Problem(string message)
        {
            diagnostics.Add(Diagnostic.Error(NarrativeCodes.BadPlaceholder, at, $"{m.Value}: {message}"));
            return null;
        }

        if (!definition.Concepts.ContainsKey(concept))
        {
            return Problem($"unknown concept '{concept}'");
        }

        if (!definition.Periods.ContainsKey(role))
        {
            return Problem($"unknown period '{role}': release.yaml names {string.Join(", ", definition.Periods.Keys)}");
        }

        var scale = mods.TryGetValue("scale", out var scaleText)
            ? scaleText switch { "units" => 0, "thousands" => 3, "millions" => 6, "billions" => 9, _ => -1 }
            : kind is "val" or "pct" ? 0 : 6;
        if (scale < 0)
        {
            return Problem($"scale '{scaleText}' should be units, thousands, millions or billions");
        }

        var decimals = mods.TryGetValue("decimals", out var decText) && int.TryParse(decText, CultureInfo.InvariantCulture, out var d)
            ? d
            : kind is "translated" or "chg" or "pct" ? 1 : 0;
        var abs = mods.ContainsKey("abs");
        var words = mods.TryGetValue("words", out var w) ? w.Split('/') : null;

        var fact = figures.Fact(concept, role, at);
        if (fact is null)
        {
            return null;
        }

        string Number(decimal value) =>
            (abs ? Math.Abs(value) : value).ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), CultureInfo.InvariantCulture);

        // "$2.1 million" (|money), "$2.1" (|symbol) or "2.1": the currency's own symbol on its own side.
        string Amount(decimal value, Currency? currency)
        {
            var number = Number(Math.Abs(value));
            var money = mods.ContainsKey("money");
            if (money && ScaleWord(scale) is { } word)
            {
                number += " " + word;
            }

            if ((money || mods.ContainsKey("symbol")) && currency is { } c)
            {
                number = c.Decorate(number);
            }

            return value < 0 && !abs ? "-" + number : number;
        }

        string? BaseRole()
        {
            var baseRole = role == "current" ? "prior_year" : role;
            return definition.Periods.ContainsKey(baseRole) ? baseRole : null;
        }

        var fromRole = mods.TryGetValue("from", out var fromText) ? fromText : "current";
        if (!definition.Periods.ContainsKey(fromRole))
        {
            return Problem($"unknown period '{fromRole}' after from=: release.yaml names {string.Join(", ", definition.Periods.Keys)}");
        }

        switch (kind)
        {
            case "amount":
                return Amount(figures.Shown(Measure.Value, scale, decimals, fact), definition.Concepts[concept].Currency);
            case "translated":
                if (definition.Fx is null)
                {
                    figures.NoRate(at, $"{m.Value} asks for a translated amount");
                    return null;
                }

                return Amount(figures.Shown(Measure.Translation, scale, decimals, fact), definition.Fx.To);
            case "diff":
            {
                if (BaseRole() is not { } baseRole)
                {
                    return Problem("an amount of change needs a base: write @role, or define prior_year in release.yaml");
                }

                var now = figures.Fact(concept, fromRole, at);
                var then = figures.Fact(concept, baseRole, at);
                return now is null || then is null
                    ? null
                    : Amount(figures.Shown(Measure.Value, scale, decimals, now) - figures.Shown(Measure.Value, scale, decimals, then), definition.Concepts[concept].Currency);
            }

            case "val":
            case "pct":
                return Amount(Math.Round(fact.Value / Fact.Pow10(scale), decimals, MidpointRounding.AwayFromZero), definition.Concepts[concept].Currency);
            case "sign":
                words ??= ["positive", "negative", "zero"];
                return fact.Value > 0 ? words[0] : fact.Value < 0 ? words.ElementAtOrDefault(1) ?? words[0] : words.ElementAtOrDefault(2) ?? "zero";
            case "conj":
            {
                // "and" when the change from the prior year and from the prior quarter go the same way, "but" when not.
                if (!definition.Periods.ContainsKey("prior_year") || !definition.Periods.ContainsKey("prior_quarter"))
                {
                    return Problem("conj compares with the periods 'prior_year' and 'prior_quarter': define both in release.yaml");
                }

                var current = figures.Fact(concept, "current", at);
                var year = figures.Fact(concept, "prior_year", at);
                var quarter = figures.Fact(concept, "prior_quarter", at);
                if (current is null || year is null || quarter is null)
                {
                    return null;
                }

                words ??= ["and", "but"];
                var same = Math.Sign(Precise(current) - Precise(year)) == Math.Sign(Precise(current) - Precise(quarter));
                return same ? words[0] : words.ElementAtOrDefault(1) ?? words[0];
            }

            case "chg":
            case "dir":
            {
                if (BaseRole() is not { } baseRole)
                {
                    return Problem("a change needs a base: write @role, or define prior_year in release.yaml");
                }

                var current = figures.Fact(concept, fromRole, at);
                var @base = figures.Fact(concept, baseRole, at);
                if (current is null || @base is null)
                {
                    return null;
                }

                var divideBy = mods.TryGetValue("base", out var baseText) && baseText == "absolute" ? PercentBase.Absolute : PercentBase.Signed;
                var change = PercentChange(current, @base, divideBy);
                if (kind == "chg")
                {
                    return change is { } c ? Number(Math.Abs(Math.Round(c, decimals, MidpointRounding.AwayFromZero))) : "n/m";
                }

                var size = abs ? Math.Abs(Precise(current)) - Math.Abs(Precise(@base)) : Precise(current) - Precise(@base);
                words ??= ["increase", "decrease", "no change"];
                return size > 0 ? words[0] : size < 0 ? words.ElementAtOrDefault(1) ?? words[0] : words.ElementAtOrDefault(2) ?? "no change";
            }

            default:
                return Problem($"unknown kind '{kind}'");
        }
    }
}
