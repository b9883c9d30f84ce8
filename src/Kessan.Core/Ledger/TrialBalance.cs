using System.Globalization;
using Kessan.Model;

namespace Kessan.Ledger;

/// <summary>How postings are grouped in time.</summary>
public enum PeriodGrouping
{
    Month,
    Quarter,
    Year,
}

/// <summary>The file format of a ledger input.</summary>
public enum LedgerFormat
{
    /// <summary>ledger-cli / hledger journal syntax.</summary>
    Journal,

    /// <summary>One posting per row with named columns.</summary>
    Csv,
}

/// <summary>One input file. The entity applies to every posting of a journal, and to CSV rows without an entity column.</summary>
public sealed record LedgerInput(string Path, LedgerFormat Format, string Entity)
{
    /// <summary>A file whose format follows from its extension (<c>.csv</c> or else a journal) and whose entity is its name without extension.</summary>
    public static LedgerInput For(string path, string? entity = null) => new(
        path,
        string.Equals(System.IO.Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase) ? LedgerFormat.Csv : LedgerFormat.Journal,
        entity ?? System.IO.Path.GetFileNameWithoutExtension(path));
}

/// <summary>Names of the CSV columns, matched against the header row without regard to case or surrounding blanks.</summary>
public sealed record CsvColumns
{
    public IReadOnlyList<string> Date { get; init; } = ["date", "posting date"];

    public IReadOnlyList<string> Transaction { get; init; } = ["transaction id", "transaction", "transaction_id", "txid", "journal id", "journal"];

    public IReadOnlyList<string> Entity { get; init; } = ["entity", "company"];

    public IReadOnlyList<string> Account { get; init; } = ["account"];

    public IReadOnlyList<string> Amount { get; init; } = ["amount"];

    public IReadOnlyList<string> Debit { get; init; } = ["debit"];

    public IReadOnlyList<string> Credit { get; init; } = ["credit"];

    public IReadOnlyList<string> Currency { get; init; } = ["currency", "commodity"];

    public IReadOnlyList<string> Memo { get; init; } = ["memo", "description"];

    /// <summary>The flow (movement type) of a posting, read only when <see cref="TrialBalanceOptions.Flows"/> is set.</summary>
    public IReadOnlyList<string> Flow { get; init; } = ["flow", "movement type"];

    public static CsvColumns Default { get; } = new();

    /// <summary>Returns a copy with one role renamed, e.g. <c>With("account", "GL Account")</c>; null for an unknown role.</summary>
    public CsvColumns? With(string role, string header) => role.Trim().ToLowerInvariant() switch
    {
        "date" => this with { Date = [header] },
        "transaction" or "transaction id" or "txid" => this with { Transaction = [header] },
        "entity" => this with { Entity = [header] },
        "account" => this with { Account = [header] },
        "amount" => this with { Amount = [header] },
        "debit" => this with { Debit = [header] },
        "credit" => this with { Credit = [header] },
        "currency" => this with { Currency = [header] },
        "memo" => this with { Memo = [header] },
        "flow" => this with { Flow = [header] },
        _ => null,
    };
}

/// <summary>What a trial balance is built for.</summary>
public sealed record TrialBalanceOptions
{
    public PeriodGrouping By { get; init; } = PeriodGrouping.Quarter;

    public FiscalCalendar Calendar { get; init; } = FiscalCalendar.MarchYearEnd;

    /// <summary>The currency of amounts written without one.</summary>
    public string DefaultCurrency { get; init; } = "JPY";

    public CsvColumns Columns { get; init; } = CsvColumns.Default;

    /// <summary>How many files or parts of files are read at once; defaults to the number of processors.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Journals larger than this are split into parts read in parallel.</summary>
    public long ChunkBytes { get; init; } = 8L << 20;

    /// <summary>
    /// Keep the flow (movement type) of postings as a dimension of the balances: a <c>flow:</c> tag in a posting's
    /// comment in journals (<c>; flow: depreciation</c>), the <c>flow</c> column in CSV. Off, flows are not read and
    /// balances are per account, as in ledger-cli.
    /// </summary>
    public bool Flows { get; init; }

    /// <summary>The size of the buffer each part is read through (<see cref="LineReader.BufferBytes"/>); smaller in tests, so that lines cross it often.</summary>
    internal int BufferBytes { get; init; } = LineReader.BufferBytes;

    /// <summary>At most this many diagnostics are kept; the rest are counted in a closing diagnostic.</summary>
    public int MaxDiagnostics { get; init; } = 1000;

    /// <summary>
    /// The encoding the files are written in (<see cref="Diagnostics.TextInput.EncodingNamed"/>); UTF-8 when null. Files in
    /// another encoding are first copied as UTF-8 into a temporary folder, checked byte by byte.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }
}

/// <summary>A reporting period of a trial balance: its label (<c>1Q03</c>, <c>2003-04</c>, <c>FY2003</c>) and dates.</summary>
public readonly record struct LedgerPeriod(string Label, Period Dates) : IComparable<LedgerPeriod>
{
    public int CompareTo(LedgerPeriod other) => Dates.CompareTo(other.Dates);

    public override string ToString() => Label;

    /// <summary>The period that starts in the month with index <c>year * 12 + month - 1</c>.</summary>
    internal static LedgerPeriod FromStartMonth(int monthIndex, PeriodGrouping by, FiscalCalendar calendar)
    {
        var start = new DateOnly(monthIndex / 12, (monthIndex % 12) + 1, 1);
        return by switch
        {
            PeriodGrouping.Month => new(start.ToString("yyyy-MM", CultureInfo.InvariantCulture), Period.Duration(start, start.AddMonths(1).AddDays(-1))),
            PeriodGrouping.Quarter => new(calendar.QuarterOf(start).Label, Period.Duration(start, start.AddMonths(3).AddDays(-1))),
            _ => new($"FY{calendar.QuarterOf(start).FiscalYear}", Period.Duration(start, start.AddMonths(12).AddDays(-1))),
        };
    }

    /// <summary>Index of the first month of the period containing a month, as <c>year * 12 + month - 1</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int StartMonthOf(int year, int month, PeriodGrouping by, int firstFiscalMonth)
    {
        var m = (year * 12) + month - 1;
        var offset = m - (firstFiscalMonth - 1);
        return by switch
        {
            PeriodGrouping.Month => m,
            PeriodGrouping.Quarter => m - (((offset % 3) + 3) % 3),
            _ => m - (((offset % 12) + 12) % 12),
        };
    }
}

/// <summary>
/// The movement of one account of one entity in one period, in one currency (debits positive, credits negative);
/// with <see cref="TrialBalanceOptions.Flows"/>, one line per flow (movement type), <c>""</c> for postings without one.
/// </summary>
public sealed record TrialBalanceLine(string Entity, string Account, LedgerPeriod Period, decimal Amount, string Currency, string Flow = "");

/// <summary>Balances per entity × account × period × currency, sorted in that order, with the counts read.</summary>
public sealed record TrialBalance(IReadOnlyList<TrialBalanceLine> Lines, long Transactions, long Postings, long Bytes)
{
    public IEnumerable<LedgerPeriod> Periods => Lines.Select(l => l.Period).Distinct().Order();

    /// <summary>How many parts the files were read in (a large file is split into parts read in parallel).</summary>
    public int Parts { get; init; } = 1;
}
