using System.Globalization;
using Kessan.Diagnostics;

namespace Kessan.Consolidation;

/// <summary>How an entity enters the group's statements.</summary>
public enum ConsolidationMethod
{
    /// <summary>The reporting company itself.</summary>
    Parent,

    /// <summary>Fully consolidated: every line at 100%, the minority's share shown as minority interests.</summary>
    Subsidiary,

    /// <summary>Equity method: only the group's share of its net income (loss), as one line and in the investment.</summary>
    Affiliate,
}

/// <summary>An entity of the group, with the parent's ownership (1 for the parent).</summary>
public sealed record GroupEntity(string Name, ConsolidationMethod Method, decimal Ownership)
{
    /// <summary>The line of the group file that names the entity.</summary>
    public SourceLocation? Location { get; init; }
}

/// <summary>
/// The group and the concepts consolidation writes to. Read from a text file:
/// <code>
/// parent       abc
/// subsidiary   abc-technology   64.1%
/// subsidiary   north-care       52.5%
/// affiliate    westline         37.9%
/// affiliate    delta            26.7%
/// concept minority-interest-income    minority_interests
/// concept minority-interest-balance   bs.minority_interests
/// concept equity-method-income        equity_method_loss
/// concept equity-method-investment    bs.investments_affiliates
/// </code>
/// </summary>
public sealed record GroupStructure(IReadOnlyList<GroupEntity> Entities, IReadOnlyDictionary<string, string> Concepts)
{
    public const string MinorityInterestIncome = "minority-interest-income";
    public const string MinorityInterestBalance = "minority-interest-balance";
    public const string EquityMethodIncome = "equity-method-income";
    public const string EquityMethodInvestment = "equity-method-investment";

    /// <summary>Optional: the balance-sheet concept each period's consolidated net income (loss) is closed into.</summary>
    public const string RetainedEarnings = "retained-earnings";

    private static readonly string[] Required = [MinorityInterestIncome, MinorityInterestBalance, EquityMethodIncome, EquityMethodInvestment];

    /// <summary>The group file this was read from.</summary>
    public string? File { get; init; }

    public GroupEntity? Find(string name) => Entities.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    public string Concept(string role) => Concepts[role];

    public static Result<GroupStructure> Parse(string text, string file)
    {
        var entities = new List<GroupEntity>();
        var concepts = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var words = (hash >= 0 ? line[..hash] : line).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            var at = new SourceLocation(file, i + 1);
            if (words[0] is "parent" or "subsidiary" or "affiliate" && words.Length >= 2 && !named.TryAdd(words[1], i + 1))
            {
                diagnostics.Add(Diagnostic.Error("group.duplicate-entity", at, $"The entity \"{words[1]}\" is already in the group (line {named[words[1]]}); name each entity once."));
                continue;
            }

            switch (words[0])
            {
                case "parent" when words.Length == 2:
                    entities.Add(new GroupEntity(words[1], ConsolidationMethod.Parent, 1m) { Location = at });
                    break;
                case "subsidiary" or "affiliate" when words.Length == 3:
                    if (!TryPercent(words[2], out var share))
                    {
                        diagnostics.Add(Diagnostic.Error("group.bad-ownership", at, $"The ownership \"{words[2]}\" is not a percentage between 0% and 100% (write it like 64.1%)."));
                        break;
                    }

                    entities.Add(new GroupEntity(words[1], words[0] == "subsidiary" ? ConsolidationMethod.Subsidiary : ConsolidationMethod.Affiliate, share) { Location = at });
                    break;
                case "concept" when words.Length == 3 && (Required.Contains(words[1]) || words[1] == RetainedEarnings):
                    concepts[words[1]] = words[2];
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error("group.bad-line", at, "A group line is 'parent NAME', 'subsidiary NAME 64.1%', 'affiliate NAME 37.9%' or 'concept ROLE CONCEPT'."));
                    break;
            }
        }

        if (entities.Count(e => e.Method == ConsolidationMethod.Parent) != 1)
        {
            diagnostics.Add(Diagnostic.Error("group.parent", new SourceLocation(file, 0), "The group names exactly one parent."));
        }

        foreach (var role in Required.Where(r => !concepts.ContainsKey(r)))
        {
            diagnostics.Add(Diagnostic.Error("group.concept", new SourceLocation(file, 0), $"The group file does not say which concept takes the {role.Replace('-', ' ')} ('concept {role} CONCEPT')."));
        }

        return new Result<GroupStructure>(diagnostics.Count == 0 ? new GroupStructure(entities, concepts) { File = file } : null, diagnostics);
    }

    private static bool TryPercent(string text, out decimal share)
    {
        share = 0;
        var t = text.EndsWith('%') ? text[..^1] : text;
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pct) || pct <= 0 || pct > 100)
        {
            return false;
        }

        share = pct / 100m;
        return true;
    }
}
