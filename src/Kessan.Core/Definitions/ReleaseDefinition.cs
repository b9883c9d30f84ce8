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

    /// <summary>Where release.yaml is, for problems about the release as a whole (a missing FX rate).</summary>
    public SourceLocation ReleaseFile => new(System.IO.Path.Combine(Directory, DefinitionLoader.ReleaseFile), 1);
}

/// <summary>
/// A block of narrative (highlights, a paragraph on a line of business): text an IR person edits, with figures written
/// as expressions such as <c>{jpy:revenue.total}</c> or <c>{chg:revenue.total@prior_year}</c> (see docs/narrative.md).
/// </summary>
public sealed record TextDefinition(string Id, string Template, string File);

/// <summary>Where the operating KPIs come from when they are counted from the contract register instead of given as facts.</summary>
public sealed record ContractRegisterSource(string Contracts, string Tiers);

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

    /// <summary>Percent change from a base period: (current − base) / base, on signed values.</summary>
    Change,

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

public sealed record TableStyle(NegativeStyle Negative, PercentSignStyle PercentSign, string Zero, string Missing);

public sealed record ColumnDefinition(
    Measure Measure,
    string Period,
    string? Base,
    string? Of,
    Scale Scale,
    int Decimals,
    SourceLocation Source);

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
