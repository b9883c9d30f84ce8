using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;

namespace Kessan.Verify.Structure;

/// <summary>What a column holds.</summary>
public enum ColumnKind
{
    /// <summary>Row labels.</summary>
    Label,

    /// <summary>Amounts (or counts) for one period, in one currency.</summary>
    Value,

    /// <summary>Percentage change between two value columns (YoY, QoQ).</summary>
    PercentChange,

    /// <summary>Difference between two value columns.</summary>
    AbsoluteChange,

    /// <summary>Each row as a percentage of a total row ("% of Total Revenues").</summary>
    PercentOfTotal,

    /// <summary>Anything else (ratios, margins, text).</summary>
    Other,
}

/// <summary>What a row's figures measure, which decides their scale.</summary>
public enum RowUnit
{
    /// <summary>Amounts in the table's scale (JPY in millions, thousands ...).</summary>
    Amount,

    /// <summary>Per share or per ADS, in plain currency units.</summary>
    PerShare,

    /// <summary>Number of shares or ADSs.</summary>
    ShareCount,
}

/// <summary>
/// One column as understood: its kind, the period and currency of its values, and for a change or % of total column
/// which value columns it compares (<see cref="Current"/> against <see cref="Base"/>).
/// </summary>
public sealed record ColumnInfo(int Index, ColumnKind Kind, string Header, string? Period, string? Currency)
{
    public int? Current { get; init; }

    public int? Base { get; init; }

    /// <summary>"YoY", "QoQ" or null.</summary>
    public string? Comparison { get; init; }

    /// <summary>How many months its period spans, from its heading ("Three Months Ended" 3, "Six Months Ended" 6); null when unsaid.</summary>
    public int? Months { get; init; }

    /// <summary>The scale its own heading names ("(Bn JPY)", "(Mn USD)"), where columns of one table differ; null when unsaid.</summary>
    public decimal? Scale { get; init; }
}

/// <summary>One row as understood: its label, its figures by column (null where a cell holds no figure), and its unit.</summary>
public sealed record TableRow(int Index, string Label, int Line, IReadOnlyList<Figure?> Cells, bool IsSection, RowUnit Unit)
{
    // What the label says, worked out once: every check asks.
    private readonly (IReadOnlyList<string> Tokens, bool IsTotal, bool NamesARate) words = Words(Label);

    public IReadOnlyList<string> Tokens => words.Tokens;

    /// <summary>Its label names a total (<see cref="Labels.IsTotal"/>).</summary>
    public bool IsTotal => words.IsTotal;

    /// <summary>Its label names a rate, margin, ratio or the like (<see cref="Labels.NamesARate"/>).</summary>
    public bool NamesARate => words.NamesARate;

    private static (IReadOnlyList<string>, bool, bool) Words(string label)
    {
        var tokens = Labels.Tokens(label);
        return (tokens, Labels.IsTotal(label), Labels.NamesARate(label, tokens));
    }

    /// <summary>Under a heading "Less:": taken away from the rows above it in a total.</summary>
    public bool Deducted { get; init; }

    public Figure? this[int column] => column < Cells.Count ? Cells[column] : null;
}

/// <summary>A table as understood: scale, columns, rows, and whether it is a reconciliation.</summary>
public sealed record TableModel(
    RawTable Raw,
    string Title,
    decimal Scale,
    string? Currency,
    bool IsReconciliation,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<TableRow> Rows)
{
    public int Number => Raw.Number;

    public string Name => Title.Length > 60 ? Title[..60] + "…" : Title;

    public IEnumerable<ColumnInfo> ValueColumns => Columns.Where(c => c.Kind == ColumnKind.Value);

    /// <summary>The scale of a row's figures: the table's scale for amounts, 1 for per-share figures and share counts.</summary>
    public decimal ScaleOf(TableRow row) => row.Unit == RowUnit.Amount ? Scale : 1m;

    public string ColumnName(int column)
    {
        var c = Columns[column];
        return c.Header.Length > 0 ? c.Header : $"column {column + 1}";
    }
}
