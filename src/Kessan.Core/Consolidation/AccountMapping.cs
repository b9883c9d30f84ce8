using System.Text.RegularExpressions;
using Kessan.Diagnostics;

namespace Kessan.Consolidation;

/// <summary>What kind of balance with another entity of the group a mapped account holds.</summary>
public enum IntercompanyKind
{
    /// <summary>Not intercompany.</summary>
    None,

    /// <summary>A receivable, payable, revenue or cost with the counterparty: both sides are eliminated and must agree.</summary>
    Balance,

    /// <summary>The parent's investment in a subsidiary (<c>investment-in ENTITY</c>).</summary>
    Investment,

    /// <summary>A subsidiary's equity held by its parent (<c>owned-by ENTITY</c>): eliminated against the investment, the rest is minority interest.</summary>
    Equity,
}

/// <summary>Where one account's balance goes: a statement concept, and for intercompany balances the other entity.</summary>
public sealed record MappingRule(string Pattern, string Concept, string? Counterparty, SourceLocation Location, IntercompanyKind Kind = IntercompanyKind.None)
{
    public bool IsPrefix => Pattern.EndsWith('*');

    public bool Matches(string account) => IsPrefix
        ? account.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.Ordinal)
        : string.Equals(account, Pattern, StringComparison.Ordinal);
}

/// <summary>
/// One entity's mapping from its accounts to the concepts of the release model, read from a text file:
/// <code>
/// # account (or prefix ending in *)         concept                      [counterparty]
/// Income:Connectivity:Dedicated Access       revenue.dedicated_access
/// Assets:Current:Cash*                       bs.cash_and_equivalents
/// Assets:Receivable:ABC Technology           bs.accounts_receivable       abc-technology
/// Investments:ABC Technology                 bs.investments               investment-in abc-technology
/// Equity:Common Stock                        bs.common_stock              owned-by abc      (in a subsidiary's file)
/// </code>
/// Columns are separated by two or more spaces or a tab. An exact account wins over a prefix; a longer prefix over
/// a shorter one. A counterparty marks an intercompany balance, eliminated in consolidation.
/// </summary>
public sealed partial class AccountMapping
{
    private readonly Dictionary<string, MappingRule> exact;
    private readonly List<MappingRule> prefixes;

    private AccountMapping(string entity, IReadOnlyList<MappingRule> rules)
    {
        Entity = entity;
        Rules = rules;
        exact = rules.Where(r => !r.IsPrefix).ToDictionary(r => r.Pattern, StringComparer.Ordinal);
        prefixes = rules.Where(r => r.IsPrefix).OrderByDescending(r => r.Pattern.Length).ToList();
    }

    public string Entity { get; }

    /// <summary>The mapping file this was read from.</summary>
    public string? File { get; init; }

    public IReadOnlyList<MappingRule> Rules { get; }

    public MappingRule? Find(string account) =>
        exact.TryGetValue(account, out var rule) ? rule : prefixes.FirstOrDefault(r => r.Matches(account));

    public static Result<AccountMapping> Parse(string entity, string text, string file)
    {
        var rules = new List<MappingRule>();
        var diagnostics = new List<Diagnostic>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var at = new SourceLocation(file, i + 1);
            var parts = ColumnSeparator().Split(line.Trim());
            if (parts.Length is < 2 or > 3)
            {
                diagnostics.Add(Diagnostic.Error("mapping.bad-line", at, "A mapping line is an account, then a concept, then optionally the counterparty entity, separated by two spaces or a tab."));
                continue;
            }

            if (seen.TryGetValue(parts[0], out var first))
            {
                diagnostics.Add(Diagnostic.Error("mapping.duplicate", at, $"The account \"{parts[0]}\" is already mapped on line {first}."));
                continue;
            }

            seen[parts[0]] = i + 1;
            var (kind, counterparty) = parts.Length < 3 ? (IntercompanyKind.None, null)
                : parts[2].StartsWith("investment-in ", StringComparison.Ordinal) ? (IntercompanyKind.Investment, parts[2]["investment-in ".Length..].Trim())
                : parts[2].StartsWith("owned-by ", StringComparison.Ordinal) ? (IntercompanyKind.Equity, parts[2]["owned-by ".Length..].Trim())
                : (IntercompanyKind.Balance, parts[2]);
            rules.Add(new MappingRule(parts[0], parts[1], counterparty, at, kind));
        }

        return new Result<AccountMapping>(diagnostics.Count == 0 ? new AccountMapping(entity, rules) { File = file } : null, diagnostics);
    }

    public static Result<AccountMapping> Load(string entity, string path, System.Text.Encoding? encoding = null)
    {
        var text = TextInput.ReadAllText(path, path, encoding);
        return text.Value is null ? new(null, text.Diagnostics) : Parse(entity, text.Value, path);
    }

    [GeneratedRegex(@"\t+|\s{2,}")]
    private static partial Regex ColumnSeparator();
}
