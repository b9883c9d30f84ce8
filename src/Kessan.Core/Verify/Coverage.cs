using System.Runtime.CompilerServices;

namespace Kessan.Verify;

/// <summary>The kinds of relation verify checks between figures.</summary>
public enum RelationKind
{
    /// <summary>A total (down a column, across a row, or a reconciliation's last row) against its items.</summary>
    Footing,

    /// <summary>A % change (or absolute change) cell against the two figures it compares.</summary>
    PercentChange,

    /// <summary>A % of total cell against its row and the total row.</summary>
    PercentOfTotal,

    /// <summary>A ratio row (net debt to equity, payout ratio, margin) against the two rows its figures show it divides.</summary>
    Ratio,

    /// <summary>A convenience-translation figure against the local figure and the stated rate.</summary>
    Translation,

    /// <summary>A per-share figure against net income and the share count.</summary>
    PerShare,

    /// <summary>One measure stated in two tables.</summary>
    TieOut,

    /// <summary>Statement identities: the balance sheet balances, cash rolls forward and ties to the balance sheet.</summary>
    Identity,

    /// <summary>A figure in a sentence against the tables.</summary>
    Sentence,
}

/// <summary>How many relations of one kind were checked, how many held, and how many could not be checked, by reason.</summary>
public sealed record KindCoverage(int Checked, int Passed, IReadOnlyDictionary<string, int> Skipped)
{
    public int SkippedCount => Skipped.Values.Sum();
}

/// <summary>
/// What verify read and checked in one file, so a clean result can be told from an unread file: tables read, tables
/// with a total and how many of them were footed, and per kind of relation the counts; <see cref="Explained"/> lists
/// every relation checked with its figures (the reviewer's tick marks).
/// </summary>
public sealed record Coverage(
    int TablesRead,
    int TablesWithFigures,
    int TablesWithTotal,
    int TablesFooted,
    IReadOnlyDictionary<RelationKind, KindCoverage> Kinds,
    IReadOnlyList<string> Explained)
{
    public int Checked => Kinds.Values.Sum(k => k.Checked);

    public int Skipped => Kinds.Values.Sum(k => k.SkippedCount);

    public static string Name(RelationKind kind) => kind switch
    {
        RelationKind.Footing => "footing",
        RelationKind.PercentChange => "percent-change",
        RelationKind.PercentOfTotal => "percent-of-total",
        RelationKind.Ratio => "ratio",
        RelationKind.Translation => "translation",
        RelationKind.PerShare => "per-share",
        RelationKind.TieOut => "tie-out",
        RelationKind.Identity => "identity",
        _ => "sentence",
    };

    /// <summary>"12 tables read (10 with figures); footing 40 checked, 40 passed, 2 skipped (rows it totals not found: 2); …"</summary>
    public string Summary()
    {
        var parts = new List<string> { $"{TablesRead} table{(TablesRead == 1 ? "" : "s")} read ({TablesWithFigures} with figures, {TablesFooted} of {TablesWithTotal} with a total footed)" };
        foreach (var (kind, k) in Kinds.Where(k => k.Value.Checked > 0 || k.Value.SkippedCount > 0))
        {
            var skipped = k.SkippedCount == 0 ? "" : $", {k.SkippedCount} not checked ({string.Join(", ", k.Skipped.Select(s => $"{s.Key}: {s.Value}"))})";
            parts.Add($"{Name(kind)} {k.Checked} checked, {k.Passed} held{skipped}");
        }

        return string.Join("; ", parts);
    }
}

/// <summary>
/// Counts relations as the checks meet them during one verify run. Each run has its own tally (held by the
/// <see cref="Checks.VerifyContext"/>), so runs stay independent; the report carries the frozen <see cref="Coverage"/>.
/// </summary>
public sealed class CoverageTally
{
    private readonly Dictionary<RelationKind, (int Checked, int Passed, Dictionary<string, int> Skipped)> _kinds = [];
    private readonly List<string> _explained = [];
    private readonly HashSet<object> _tablesFooted = [];

    /// <summary>
    /// Whether each relation checked is written out in words (<see cref="Coverage.Explained"/>, shown by
    /// <c>verify --explain</c>). When not, the explanations given to <see cref="Checked"/> are not even put together:
    /// the figures in them are never formatted.
    /// </summary>
    public bool Explaining { get; init; } = true;

    /// <summary>Counts a relation checked; its explanation, an interpolated string, is formatted only when <see cref="Explaining"/>.</summary>
    public void Checked(RelationKind kind, bool passed, [InterpolatedStringHandlerArgument("")] ref Explanation explanation, object? table = null)
    {
        var k = Get(kind);
        _kinds[kind] = (k.Checked + 1, k.Passed + (passed ? 1 : 0), k.Skipped);
        if (Explaining)
        {
            _explained.Add($"{Coverage.Name(kind)}: {explanation.ToStringAndClear()} — {(passed ? "holds" : "DOES NOT HOLD")}");
        }

        if (kind == RelationKind.Footing && table is not null)
        {
            _tablesFooted.Add(table);
        }
    }

    /// <summary>The explanation of one relation checked, put together only when the tally is <see cref="Explaining"/>.</summary>
    [InterpolatedStringHandler]
    public ref struct Explanation
    {
        private DefaultInterpolatedStringHandler _text;

        public Explanation(int literalLength, int formattedCount, CoverageTally tally, out bool wanted)
        {
            wanted = tally.Explaining;
            _text = wanted ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

        public void AppendFormatted(string? value) => _text.AppendFormatted(value);

        internal string ToStringAndClear() => _text.ToStringAndClear();
    }

    public void Skipped(RelationKind kind, string reason, int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        var k = Get(kind);
        k.Skipped[reason] = k.Skipped.GetValueOrDefault(reason) + count;
    }

    public bool Footed(object table) => _tablesFooted.Contains(table);

    private (int Checked, int Passed, Dictionary<string, int> Skipped) Get(RelationKind kind)
    {
        if (!_kinds.TryGetValue(kind, out var k))
        {
            k = (0, 0, []);
            _kinds[kind] = k;
        }

        return k;
    }

    public Coverage Freeze(int tablesRead, int tablesWithFigures, int tablesWithTotal, int tablesFooted) =>
        new(tablesRead, tablesWithFigures, tablesWithTotal, tablesFooted,
            Enum.GetValues<RelationKind>().ToDictionary(k => k, k => _kinds.TryGetValue(k, out var v)
                ? new KindCoverage(v.Checked, v.Passed, v.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary())
                : new KindCoverage(0, 0, new Dictionary<string, int>())),
            [.. _explained]);
}
