using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Definitions;

/// <summary>
/// Everything that describes one company's release, read from the text files of a release folder: the fiscal calendar
/// and the quarters compared, the FX rate of the convenience translation, concepts, calculation relations and the
/// tables to render. Another company is described by editing these files, not code.
/// </summary>
public sealed record ReleaseDefinition(
    string Directory,
    string Company,
    FiscalCalendar Calendar,
    IReadOnlyDictionary<string, ReportingPeriod> Periods,
    ExchangeRate? Fx,
    IReadOnlyDictionary<string, Concept> Concepts,
    IReadOnlyList<Calculation> Calculations,
    IReadOnlyList<Ratio> Ratios,
    IReadOnlyList<RollForward> RollForwards,
    IReadOnlyList<TableDefinition> Tables,
    IReadOnlyList<string> FactFiles,
    ContractRegisterSource? Register = null,
    IReadOnlyList<TextDefinition>? Texts = null,
    IReadOnlyList<string>? Layout = null)
{
    /// <summary>The quarter the release reports on (role <c>current</c>).</summary>
    public FiscalQuarter Current => Periods["current"].Quarter!.Value;

    /// <summary>The period roles as release.yaml writes them (relative to current, or fixed), which roll resolves anew.</summary>
    public IReadOnlyDictionary<string, PeriodRole> Roles { get; init; } = new Dictionary<string, PeriodRole>();

    /// <summary>The currency the release reports in (release.yaml <c>currency:</c>); concepts without a unit are in it.</summary>
    public Currency? ReportingCurrency { get; init; }

    /// <summary>Words of entity names written in capitals in generated account names (release.yaml <c>acronyms:</c>).</summary>
    public IReadOnlyList<string> Acronyms { get; init; } = [];

    /// <summary>Which figures rounding may move so that totals foot (release.yaml <c>footing:</c>).</summary>
    public FootingRule Footing { get; init; } = FootingRule.GrandTotalsFixed;

    /// <summary>Where release.yaml is, for problems about the release as a whole (a missing FX rate).</summary>
    public SourceLocation ReleaseFile => new(System.IO.Path.Combine(Directory, DefinitionLoader.ReleaseFile), 1);
}

/// <summary>
/// A block of narrative (highlights, a paragraph on a line of business): text an IR person edits, with figures written
/// as expressions such as <c>{jpy:revenue.total}</c> or <c>{chg:revenue.total@prior_year}</c> (see docs/narrative.md).
/// </summary>
public sealed record TextDefinition(string Id, string Template, string File);

/// <summary>Where the operating KPIs come from when they are counted from the contract register instead of given as facts.</summary>
public sealed record ContractRegisterSource(string Contracts, string Kpis);

/// <summary>A total that is the weighted sum of its items (XBRL's summation-item): total = Σ weight × item.</summary>
public sealed record Calculation(string Total, IReadOnlyList<CalculationItem> Items, SourceLocation Source);

public sealed record CalculationItem(string Concept, decimal Weight);

/// <summary>A concept that is the quotient of two others (per-share amounts, margins).</summary>
public sealed record Ratio(string Concept, string Numerator, string Denominator, decimal Multiplier, SourceLocation Source);

/// <summary>A balance that rolls forward: balance at the end of a period = balance at its start + change over it.</summary>
public sealed record RollForward(string Balance, string Change, SourceLocation Source);

/// <summary>What a table column shows.</summary>
public enum Measure
{
    /// <summary>The value, in the table's currency and scale.</summary>
    Value,

    /// <summary>Percent change from a base period: (current − base) / base, or / |base| (<see cref="PercentBase"/>).</summary>
    Change,

    /// <summary>Amount of change from a base period: current − base, as the two figures are shown.</summary>
    AmountChange,

    /// <summary>Percent of a total (total revenues, total assets).</summary>
    Share,

    /// <summary>The value translated into the convenience currency at the release's FX rate.</summary>
    Translation,
}

/// <summary>Power-of-ten scale a figure is shown in.</summary>
public enum Scale
{
    Units = 0,
    Thousands = 3,
    Millions = 6,
    Billions = 9,
}

public enum NegativeStyle
{
    /// <summary><c>(5.7)</c></summary>
    Parentheses,

    /// <summary><c>-5.7</c></summary>
    Minus,
}

/// <summary>Which cells of a percent column carry a % sign.</summary>
public enum PercentSignStyle
{
    /// <summary>Every percent cell: <c>-5.7%</c>.</summary>
    All,

    /// <summary>Only rows marked <c>percent_sign: true</c> (the statements' first and closing rows).</summary>
    Marked,
}

/// <summary>Which amounts carry the currency symbol (<c>$1,234</c>).</summary>
public enum SymbolStyle
{
    None,

    /// <summary>Only rows marked <c>symbol: true</c> (a statement's first row and its totals).</summary>
    Marked,

    All,
}

/// <summary>What a percent change divides by.</summary>
public enum PercentBase
{
    /// <summary>The base as it is: a loss growing from −400 to −1,000 is +150.0% (a negative base flips the sign).</summary>
    Signed,

    /// <summary>The size of the base: a loss growing from −400 to −1,000 is −150.0% (the direction of the change).</summary>
    Absolute,
}

/// <summary>Which figures the rounding may move by one unit so that displayed totals foot.</summary>
public enum FootingRule
{
    /// <summary>Parts and subtotals; grand totals (a total that is never a part) read as plainly rounded.</summary>
    GrandTotalsFixed,

    /// <summary>Any figure that is not exact in display units, grand totals included.</summary>
    AnyFigure,

    /// <summary>None: every figure plainly rounded; totals that do not foot are reported.</summary>
    PlainRounding,
}

/// <summary>How a table prints its figures; a column or a row may override parts of it.</summary>
public sealed record TableStyle(NegativeStyle Negative, PercentSignStyle PercentSign, string Zero, string Missing)
{
    /// <summary>Negatives of percent columns, when they differ from amounts (parentheses for amounts, minus for percents).</summary>
    public NegativeStyle? PercentNegative { get; init; }

    /// <summary>What a percent that is not meaningful prints: <c>n/m</c>.</summary>
    public string NotMeaningful { get; init; } = "n/m";

    /// <summary>Which amounts carry the currency symbol.</summary>
    public SymbolStyle Symbol { get; init; } = SymbolStyle.None;

    /// <summary>Whether percents of 1,000 or more get a thousands separator (most releases print 1234.5%).</summary>
    public bool PercentThousands { get; init; }
}

public sealed record ColumnDefinition(
    Measure Measure,
    string Period,
    string? Base,
    string? Of,
    Scale Scale,
    int Decimals,
    SourceLocation Source)
{
    /// <summary>What a percent change divides by.</summary>
    public PercentBase PercentBase { get; init; } = PercentBase.Signed;

    /// <summary>A percent change is "n/m" when the figure changes sign (as well as when the base is zero).</summary>
    public bool SignChangeNotMeaningful { get; init; }

    /// <summary>A percent change larger than this (in size) is "n/m".</summary>
    public decimal? NotMeaningfulAbove { get; init; }

    public NegativeStyle? Negative { get; init; }

    public string? Zero { get; init; }

    public SymbolStyle? Symbol { get; init; }
}

/// <summary>A table row: a heading (no concept) or a concept's line.</summary>
public sealed record RowDefinition(
    string Label,
    string? Concept,
    int Sign,
    Scale? Scale,
    int? Decimals,
    bool ValuesOnly,
    bool PercentSign,
    Anchor At,
    SourceLocation Source)
{
    public bool IsHeading => Concept is null;

    /// <summary>The row carries the currency symbol where the style says marked rows do (first rows, totals).</summary>
    public bool Symbol { get; init; }

    /// <summary>Negatives of this row, when they differ from its table and column.</summary>
    public NegativeStyle? Negative { get; init; }
}

public sealed record TableDefinition(
    string Id,
    IReadOnlyList<string> Title,
    IReadOnlyList<IReadOnlyList<string>> Header,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<RowDefinition> Rows,
    IReadOnlyList<string> Notes,
    TableStyle Style,
    SourceLocation Source);
