using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Kessan.Ledger;

/// <summary>
/// Reads a journal exported as CSV: a header row naming the columns, then one posting per row. Rows of one
/// transaction (same entity and transaction id) are consecutive, as general-ledger exports write them; each
/// transaction must balance per currency. Amount is one signed column (debits positive) or a debit and a credit column.
/// </summary>
internal sealed class CsvChunkReader : LineReader
{
    private const int Missing = -1;

    private readonly ChunkAccumulator acc;
    private readonly TrialBalanceOptions options;
    private readonly string defaultEntity;
    private readonly int defaultCommodity;
    private readonly int firstFiscalMonth;
    private readonly TransactionBalance balance = new();
    private readonly bool lastPart;

    private bool headerRead;
    private bool unusable;
    private int colDate = Missing, colTx = Missing, colEntity = Missing, colAccount = Missing, colAmount = Missing,
        colDebit = Missing, colCredit = Missing, colCurrency = Missing, colFlow = Missing;
    private byte[] flowBuffer = new byte[128];
    private int columnCount;

    private (int Start, int Length, bool Quoted)[] fields = new (int, int, bool)[16];
    // One buffer per column for cells with doubled quotes, so that two such cells of a row never share one.
    private byte[]?[] scratch = new byte[]?[16];

    // A record whose quoted cell continues on the next line.
    private byte[]? pending;
    private int pendingLength;
    private long pendingLine;

    // The transaction being read.
    private byte[] txKey = new byte[64];
    private int txKeyLength = -1;
    private long txLine;
    private bool txBroken;
    private int txIdStart; // where the transaction id starts in txKey (after the entity and a 0)
    private int txEntity; // the transaction's entity id, looked up once per transaction

    // Dates of ten bytes (YYYY-MM-DD) read before, by their bytes: a ledger's rows repeat a few hundred dates.
    private readonly DateSlot[] dates = new DateSlot[1024];

    private struct DateSlot
    {
        public ulong First8;
        public ushort Last2;
        public bool Filled;
        public int Year, Month;
    }

    private readonly LastLookup currencies;

    // The entity of the last transaction: a file's rows mostly name one.
    private readonly LastLookup entities;

    // The accounts of the rows, recognised without hashing their names.
    private readonly AccountCache accounts;

    /// <summary>
    /// A reader of a whole file, or of one part of it: a part after the first is given the file's header row
    /// (<see cref="FirstRecord"/>), which the first part reads and reports on; a part that is not the last one
    /// ends without looking for the transaction that continues after it (its end is a transaction's start).
    /// </summary>
    public CsvChunkReader(ChunkAccumulator acc, TrialBalanceOptions options, string defaultEntity, byte[]? header = null, bool lastPart = true)
    {
        this.acc = acc;
        accounts = acc.NameCache;
        this.options = options;
        this.defaultEntity = defaultEntity;
        this.lastPart = lastPart;
        defaultCommodity = acc.Commodities.GetOrAdd(options.DefaultCurrency);
        currencies = new LastLookup(acc.Commodities);
        entities = new LastLookup(acc.Entities);
        firstFiscalMonth = options.Calendar.FirstMonth;
        if (header is not null)
        {
            // The first part reports what is wrong with the header; this one only stops reading.
            var n = Split(header);
            Header(header, n, report: false);
        }
    }

    /// <summary>Whether the header names the columns a row needs.</summary>
    public bool Usable => headerRead && !unusable;

    /// <summary>
    /// The first record of a file's text (its header row, which may span lines inside quotes), as a reader sees
    /// it: without a byte order mark, carriage returns or the blank lines before it; null when
    /// <paramref name="text"/> ends before the record does. <paramref name="end"/> is where the row after it starts.
    /// </summary>
    public static byte[]? FirstRecord(ReadOnlySpan<byte> text, out int end)
    {
        var all = text.Length;
        end = 0;
        if (text.StartsWith("\xEF\xBB\xBF"u8))
        {
            text = text[3..];
        }

        var record = new List<byte>();
        var quotes = 0;
        while (true)
        {
            var nl = text.IndexOf((byte)'\n');
            if (nl < 0)
            {
                return null;
            }

            var line = TrimCr(text[..nl]);
            text = text[(nl + 1)..];
            if (record.Count == 0 && LedgerText.Trim(line, out _).IsEmpty)
            {
                continue;
            }

            if (quotes > 0)
            {
                record.Add((byte)'\n');
            }

            record.AddRange(line);
            quotes += line.Count((byte)'"');
            if (quotes % 2 == 0)
            {
                end = all - text.Length;
                return [.. record];
            }

            quotes = 1;
        }
    }

    /// <summary>
    /// Where in <paramref name="window"/> (bytes of the file from <paramref name="windowStart"/>, after the header)
    /// a transaction starts that a part may start with: the first row, after the window's first newline, whose
    /// entity or transaction id differs from the row just before it, both rows whole (as many cells as the header,
    /// no quote left open). A quoted cell holding newlines could make a line inside it look like a row; a part
    /// ending inside such a cell is found when it is read (<see cref="ChunkAccumulator.NeedsWholeFile"/>) and the
    /// file read again in one piece. -1 when the window holds no such row.
    /// </summary>
    public long NextTransactionStart(ReadOnlySpan<byte> window, long windowStart)
    {
        var first = window.IndexOf((byte)'\n');
        if (first < 0 || !Usable)
        {
            return -1;
        }

        var at = first + 1;
        var previous = new byte[64];
        var previousLength = -1;
        while (true)
        {
            var nl = window[at..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return -1;
            }

            var line = TrimCr(window.Slice(at, nl));
            var whole = line.Count((byte)'"') % 2 == 0 && !LedgerText.Trim(line, out _).IsEmpty && Split(line) == columnCount;
            if (!whole)
            {
                previousLength = -1;
            }
            else
            {
                var entityCell = Cell(line, colEntity, columnCount);
                var txCell = Cell(line, colTx, columnCount);
                if (previousLength >= 0 && !SameTransaction(previous, previousLength, entityCell, txCell))
                {
                    return windowStart + at;
                }

                previousLength = KeepTransaction(ref previous, entityCell, txCell);
            }

            at += nl + 1;
        }
    }

    /// <summary>
    /// The loop of <see cref="LineReader.ProcessLines"/> with the newlines found 64 bytes at a time (a bit mask of
    /// each block's newlines, each bit a line), and <see cref="ProcessLine"/> called directly.
    /// </summary>
    protected override int ProcessLines(ReadOnlySpan<byte> span) => ReadLines(span, 0, checkText: false);

    /// <summary>
    /// The same loop checking the text on the way: a block of 64 bytes all ASCII is UTF-8; at the first that is not,
    /// the complete lines not read yet are checked at once, and read one by one, each checked, when they are not all
    /// valid (as <see cref="LineReader"/> does for a whole buffer).
    /// </summary>
    protected override int ProcessLinesCheckingText(ReadOnlySpan<byte> span, int lines) => ReadLines(span, lines, checkText: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadLines(ReadOnlySpan<byte> span, int lines, bool checkText)
    {
        unchecked
        {
            var start = 0;
            var block = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                ref var r = ref MemoryMarshal.GetReference(span);
                var newline = Vector128.Create((byte)'\n');
                for (; block + 64 <= span.Length; block += 64)
                {
                    var v0 = Vector128.LoadUnsafe(ref r, (nuint)block);
                    var v1 = Vector128.LoadUnsafe(ref r, (nuint)block + 16);
                    var v2 = Vector128.LoadUnsafe(ref r, (nuint)block + 32);
                    var v3 = Vector128.LoadUnsafe(ref r, (nuint)block + 48);
                    if (checkText && (v0 | v1 | v2 | v3).ExtractMostSignificantBits() != 0)
                    {
                        if (!IsText(span, start, lines))
                        {
                            return start + CheckedLines(span[start..]);
                        }

                        checkText = false;
                    }

                    var mask = (ulong)LedgerText.Mask32(v0, v1, newline) | ((ulong)LedgerText.Mask32(v2, v3, newline) << 32);
                    while (mask != 0)
                    {
                        var nl = block + BitOperations.TrailingZeroCount(mask);
                        mask &= mask - 1;
                        LineNumber++;
                        ProcessLine(TrimCr(span[start..nl]));
                        start = nl + 1;
                    }
                }
            }

            // The last bytes (all of them without vector instructions).
            return LastLines(span, start, block, lines, checkText);
        }
    }

    protected override string InvalidTextCode => "csv.invalid-utf8";

    protected override void Report(long line, int column, string code, string message) => acc.Report(line, code, message, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (unusable)
        {
            return;
        }

        if (pending is not null)
        {
            Append(line, newline: true);
            if (line.Count((byte)'"') % 2 == 0)
            {
                return;
            }

            var record = pending.AsSpan(0, pendingLength);
            var at = pendingLine;
            pending = null;
            Record(record, at);
            return;
        }

        // Most rows have no quotes: one pass finds their commas (and tells there is no quote to look after).
        if (headerRead && SplitPlain(line) is var plain and >= 0)
        {
            if (!LedgerText.Trim(line, out _).IsEmpty)
            {
                Row(line, plain, LineNumber);
            }

            return;
        }

        if (line.Count((byte)'"') % 2 == 1)
        {
            pending = new byte[Math.Max(256, line.Length * 2)];
            pendingLength = 0;
            pendingLine = LineNumber;
            Append(line, newline: false);
            return;
        }

        Record(line, LineNumber);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<byte> line, bool newline)
    {
        var need = pendingLength + line.Length + 1;
        if (need > pending!.Length)
        {
            Array.Resize(ref pending, need * 2);
        }

        if (newline)
        {
            pending[pendingLength++] = (byte)'\n';
        }

        line.CopyTo(pending.AsSpan(pendingLength));
        pendingLength += line.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (LedgerText.Trim(line, out _).IsEmpty)
        {
            return;
        }

        var n = Split(line);
        if (!headerRead)
        {
            Header(line, n);
            return;
        }

        Row(line, n, lineNumber);
    }

    /// <summary>
    /// The cells of a row without any quote, found 32 bytes at a time (each block gives a bit mask of its commas);
    /// -1 when the row has a quote, which <see cref="Split"/> then reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SplitPlain(ReadOnlySpan<byte> line)
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            return line.IndexOf((byte)'"') < 0 ? Split(line) : -1;
        }

        ref var r = ref MemoryMarshal.GetReference(line);
        var commaVector = Vector128.Create((byte)',');
        var quoteVector = Vector128.Create((byte)'"');
        var count = 0;
        var start = 0;
        var block = 0;
        for (; block < line.Length; block += 32)
        {
            uint commas, quotes;
            if (block + 32 <= line.Length)
            {
                var low = Vector128.LoadUnsafe(ref r, (nuint)block);
                var high = Vector128.LoadUnsafe(ref r, (nuint)block + 16);
                commas = LedgerText.Mask32(low, high, commaVector);
                quotes = LedgerText.Mask32(low, high, quoteVector);
            }
            else if (line.Length >= 32)
            {
                // The last bytes: the line's last 32 bytes loaded, and the bits of those already looked at dropped.
                var low = Vector128.LoadUnsafe(ref r, (nuint)(line.Length - 32));
                var high = Vector128.LoadUnsafe(ref r, (nuint)(line.Length - 16));
                var seen = 32 - (line.Length - block);
                commas = LedgerText.Mask32(low, high, commaVector) >> seen;
                quotes = LedgerText.Mask32(low, high, quoteVector) >> seen;
            }
            else
            {
                commas = quotes = 0;
                var tail = line[block..];
                for (var i = 0; i < tail.Length; i++)
                {
                    commas |= tail[i] == (byte)',' ? 1u << i : 0;
                    quotes |= tail[i] == (byte)'"' ? 1u << i : 0;
                }
            }

            if (quotes != 0)
            {
                return -1;
            }

            while (commas != 0)
            {
                var comma = block + BitOperations.TrailingZeroCount(commas);
                commas &= commas - 1;
                if (count == fields.Length)
                {
                    Array.Resize(ref fields, count * 2);
                }

                fields[count++] = (start, comma - start, false);
                start = comma + 1;
            }
        }

        if (count == fields.Length)
        {
            Array.Resize(ref fields, count * 2);
        }

        fields[count++] = (start, line.Length - start, false);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Split(ReadOnlySpan<byte> line)
    {
        var count = 0;
        var p = 0;
        while (true)
        {
            if (count == fields.Length)
            {
                Array.Resize(ref fields, count * 2);
            }

            if (p < line.Length && line[p] == (byte)'"')
            {
                var start = p + 1;
                var q = start;
                while (true)
                {
                    var close = line[q..].IndexOf((byte)'"');
                    if (close < 0)
                    {
                        q = line.Length;
                        break;
                    }

                    q += close;
                    if (q + 1 < line.Length && line[q + 1] == (byte)'"')
                    {
                        q += 2;
                        continue;
                    }

                    break;
                }

                fields[count++] = (start, q - start, true);
                p = q + 1;
                var comma = p < line.Length ? line[p..].IndexOf((byte)',') : -1;
                if (comma < 0)
                {
                    return count;
                }

                p += comma + 1;
            }
            else
            {
                var comma = line[p..].IndexOf((byte)',');
                if (comma < 0)
                {
                    fields[count++] = (p, line.Length - p, false);
                    return count;
                }

                fields[count++] = (p, comma, false);
                p += comma + 1;
            }
        }
    }

    /// <summary>A cell's bytes, with doubled quotes undone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> line, int column, int count)
    {
        if (column == Missing || column >= count)
        {
            return [];
        }

        var (start, length, quoted) = fields[column];
        var cell = line.Slice(start, length);
        if (!quoted || cell.IndexOf("\"\""u8) < 0)
        {
            return quoted ? cell : LedgerText.Trim(cell, out _);
        }

        if (column >= scratch.Length)
        {
            Array.Resize(ref scratch, column * 2);
        }

        var buffer = scratch[column];
        if (buffer is null || buffer.Length < cell.Length)
        {
            buffer = scratch[column] = new byte[Math.Max(256, cell.Length * 2)];
        }

        var n = 0;
        for (var i = 0; i < cell.Length; i++)
        {
            buffer[n++] = cell[i];
            if (cell[i] == (byte)'"' && i + 1 < cell.Length && cell[i + 1] == (byte)'"')
            {
                i++;
            }
        }

        return buffer.AsSpan(0, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Header(ReadOnlySpan<byte> line, int count, bool report = true)
    {
        headerRead = true;
        columnCount = count;
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = Encoding.UTF8.GetString(Cell(line, i, count)).Trim();
        }

        int Find(IReadOnlyList<string> wanted)
        {
            foreach (var w in wanted)
            {
                var i = Array.FindIndex(names, n => string.Equals(n, w.Trim(), StringComparison.OrdinalIgnoreCase));
                if (i >= 0)
                {
                    return i;
                }
            }

            return Missing;
        }

        var c = options.Columns;
        colDate = Find(c.Date);
        colTx = Find(c.Transaction);
        colEntity = Find(c.Entity);
        colAccount = Find(c.Account);
        colAmount = Find(c.Amount);
        colDebit = Find(c.Debit);
        colCredit = Find(c.Credit);
        colCurrency = Find(c.Currency);
        colFlow = options.Flows ? Find(c.Flow) : Missing;

        var missing = new List<string>();
        if (colDate == Missing)
        {
            missing.Add($"the date ({string.Join(" or ", c.Date)})");
        }

        if (colTx == Missing)
        {
            missing.Add($"the transaction id ({string.Join(" or ", c.Transaction)})");
        }

        if (colAccount == Missing)
        {
            missing.Add($"the account ({string.Join(" or ", c.Account)})");
        }

        if (colAmount == Missing && colDebit == Missing && colCredit == Missing)
        {
            missing.Add($"the amount ({string.Join(" or ", c.Amount)}, or {string.Join("/", c.Debit)} and {string.Join("/", c.Credit)})");
        }

        if (missing.Count > 0)
        {
            unusable = true;
            if (!report)
            {
                return;
            }

            acc.Report(LineNumber, "csv.missing-column", $"The header row ({string.Join(", ", names)}) has no column for {string.Join(", ", missing)}; name the columns with --column ROLE=HEADER. Nothing in this file was counted.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Row(ReadOnlySpan<byte> line, int count, long lineNumber)
    {
        acc.Postings++;
        if (count != columnCount)
        {
            acc.Report(lineNumber, "csv.bad-row", $"This row has {count} cells where the header has {columnCount}; it was not counted.");
            MarkRowBroken(line, count, lineNumber);
            return;
        }

        // A new transaction starts when the entity or transaction id changes.
        var entityCell = Cell(line, colEntity, count);
        var txCell = Cell(line, colTx, count);
        if (!SameTransaction(txKey, txKeyLength, entityCell, txCell))
        {
            EndTransaction();
            txKeyLength = KeepTransaction(ref txKey, entityCell, txCell);
            txLine = lineNumber;
            txBroken = false;
            txIdStart = entityCell.Length + 1; // the id is made a string only for a message: no string per row
            txEntity = entityCell.IsEmpty ? acc.Entities.GetOrAdd(defaultEntity) : entities.GetOrAdd(entityCell);
            balance.Clear();
            acc.Transactions++;
            if (txCell.IsEmpty)
            {
                acc.Report(lineNumber, "csv.missing-transaction", "This row has no transaction id, so Kessan cannot tell which postings balance each other; it was not counted.");
                txBroken = true;
            }
        }

        var dateCell = Cell(line, colDate, count);
        if (!TryDate(dateCell, out var y, out var m))
        {
            acc.Report(lineNumber, "csv.bad-date", $"The date {LedgerText.Quote(dateCell)} is not a real date written as YYYY-MM-DD (or YYYY/MM/DD); the transaction was not counted.");
            txBroken = true;
            return;
        }

        var accountCell = Cell(line, colAccount, count);
        if (accountCell.IsEmpty)
        {
            acc.Report(lineNumber, "csv.missing-account", "This row names no account; the transaction was not counted.");
            txBroken = true;
            return;
        }

        if (!TryAmount(line, count, lineNumber, out var amount, out var commodity))
        {
            txBroken = true;
            return;
        }

        var entity = txEntity;
        int account;
        // Trimmed before the test: a quoted blank cell (" ") is no flow, not a flow named "".
        if (colFlow != Missing && LedgerText.Trim(Cell(line, colFlow, count), out _) is { IsEmpty: false } flow)
        {
            account = acc.UseAccount(FlowKey.Join(accountCell, flow, ref flowBuffer), lineNumber);
        }
        else
        {
            // The cell is in the row (what follows it there may be read), or, with its quotes undone, apart from it.
            var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(line), ref MemoryMarshal.GetReference(accountCell));
            var readable = offset >= 0 && offset <= line.Length ? line.Length - (int)offset : accountCell.Length;
            account = accounts.UseAccount(acc, accountCell, readable, lineNumber);
        }

        var period = LedgerPeriod.StartMonthOf(y, m, options.By, firstFiscalMonth);
        acc.AddToCell(ChunkAccumulator.EntityAndPeriod(entity, period), account, commodity, amount);
        balance.Add(commodity, amount);
    }

    /// <summary>
    /// Reads a date as <see cref="LedgerText.TryParseDate"/> does; a date of ten bytes read before is found by its
    /// bytes in a table of those read (the rows of a transaction, and of a day, repeat one date).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryDate(ReadOnlySpan<byte> text, out int year, out int month)
    {
        if (text.Length != 10)
        {
            return LedgerText.TryParseDate(text, out year, out month, out _);
        }

        var first8 = BinaryPrimitives.ReadUInt64LittleEndian(text);
        var last2 = BinaryPrimitives.ReadUInt16LittleEndian(text[8..]);
        ref var slot = ref dates[(int)(unchecked((first8 ^ last2) * 0x9E3779B97F4A7C15UL) >> 54)];
        if (slot.First8 == first8 && slot.Last2 == last2 && slot.Filled)
        {
            (year, month) = (slot.Year, slot.Month);
            return true;
        }

        if (!LedgerText.TryParseDate(text, out year, out month, out _))
        {
            return false;
        }

        slot = new DateSlot { First8 = first8, Last2 = last2, Filled = true, Year = year, Month = month };
        return true;
    }

    /// <summary>Whether a row's entity and transaction id are those kept in <paramref name="key"/> (length -1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameTransaction(byte[] key, int keyLength, ReadOnlySpan<byte> entityCell, ReadOnlySpan<byte> txCell) =>
        keyLength == entityCell.Length + 1 + txCell.Length
        && key.AsSpan(0, entityCell.Length).SequenceEqual(entityCell)
        && key.AsSpan(entityCell.Length + 1, txCell.Length).SequenceEqual(txCell);

    /// <summary>Keeps a row's entity and transaction id in <paramref name="key"/>; returns the key's length.</summary>
    private static int KeepTransaction(ref byte[] key, ReadOnlySpan<byte> entityCell, ReadOnlySpan<byte> txCell)
    {
        var keyLength = entityCell.Length + 1 + txCell.Length;
        if (key.Length < keyLength)
        {
            key = new byte[keyLength * 2];
        }

        entityCell.CopyTo(key);
        key[entityCell.Length] = 0;
        txCell.CopyTo(key.AsSpan(entityCell.Length + 1));
        return keyLength;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkRowBroken(ReadOnlySpan<byte> line, int count, long lineNumber)
    {
        // Keep grouping right even for a bad row: treat it as part of the current transaction, which fails.
        _ = line;
        _ = count;
        if (txKeyLength < 0)
        {
            txLine = lineNumber;
        }

        txBroken = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAmount(ReadOnlySpan<byte> line, int count, long lineNumber, out ScaledAmount amount, out int commodity)
    {
        amount = default;
        commodity = defaultCommodity;
        var currencyCell = Cell(line, colCurrency, count);
        if (!currencyCell.IsEmpty)
        {
            commodity = currencies.GetOrAdd(currencyCell);
        }

        if (colAmount != Missing)
        {
            var cell = Cell(line, colAmount, count);
            // The common cell first: digits with an optional minus and decimal point, read without building a
            // ScaledAmount digit by digit. The quick reader takes no parentheses or plus; a cell with a comma or a
            // currency symbol goes to the full reader, which is stricter about thousands separators.
            if (cell.IndexOf((byte)',') < 0
                && LedgerText.TryParseAmountFast(cell, out var units, out var decimals, out _, out var symbolLength) && symbolLength == 0)
            {
                amount = ScaledAmount.FromUnits(units, decimals);
                return true;
            }

            if (LedgerText.TryParsePlainNumber(cell, out amount))
            {
                return true;
            }

            if (LedgerText.TryParseAmount(cell, out amount, out var cs, out var cl) && cl > 0)
            {
                var inCell = LedgerText.Trim(cell, out _).Slice(cs, cl);
                if (currencyCell.IsEmpty || inCell.SequenceEqual(currencyCell))
                {
                    commodity = acc.Commodities.GetOrAdd(inCell);
                    return true;
                }
            }

            if (!cell.IsEmpty || colDebit == Missing)
            {
                acc.Report(lineNumber, "csv.bad-amount", $"The amount {LedgerText.Quote(cell)} is not a number Kessan can read (write it like 1234, -1,234.50 or (1,234)); the transaction was not counted.");
                return false;
            }
        }

        var debitCell = Cell(line, colDebit, count);
        var creditCell = Cell(line, colCredit, count);
        if (debitCell.IsEmpty && creditCell.IsEmpty)
        {
            acc.Report(lineNumber, "csv.bad-amount", "This row has neither a debit nor a credit amount; the transaction was not counted.");
            return false;
        }

        ScaledAmount debit = default, credit = default;
        if (!debitCell.IsEmpty && !LedgerText.TryParsePlainNumber(debitCell, out debit))
        {
            acc.Report(lineNumber, "csv.bad-amount", $"The debit {LedgerText.Quote(debitCell)} is not a number Kessan can read; the transaction was not counted.");
            return false;
        }

        if (!creditCell.IsEmpty && !LedgerText.TryParsePlainNumber(creditCell, out credit))
        {
            acc.Report(lineNumber, "csv.bad-amount", $"The credit {LedgerText.Quote(creditCell)} is not a number Kessan can read; the transaction was not counted.");
            return false;
        }

        amount = debit;
        amount.Add(credit.Negate());
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndTransaction()
    {
        if (txKeyLength < 0 || txBroken)
        {
            return;
        }

        var settled = true;
        for (var i = 0; i < balance.Count && settled; i++)
        {
            settled = balance.IsSettled(i);
        }

        // Described (a list of strings) only when it does not balance: nothing is allocated per transaction.
        if (!settled && balance.Imbalances(acc.Commodities) is { Count: > 0 } parts)
        {
            acc.Report(txLine, "csv.unbalanced", $"Transaction {Encoding.UTF8.GetString(txKey, txIdStart, txKeyLength - txIdStart)} does not balance: {string.Join("; ", parts)} (its rows must be consecutive and add up to zero in each currency).");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Finish()
    {
        acc.Lines = LineNumber;
        if (pending is not null && !lastPart)
        {
            // This part ended inside a quoted cell: the part after it started there, not at a row.
            acc.NeedsWholeFile = true;
            pending = null;
        }

        if (pending is not null)
        {
            acc.Report(pendingLine, "csv.unclosed-quote", "A quoted cell that starts on this line is never closed; the rest of the file was not counted.");
        }

        EndTransaction();
    }
}
