using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Kessan.Ledger;

/// <summary>
/// Reads ledger-cli / hledger journal syntax: transactions (<c>DATE [*|!] [(CODE)] DESCRIPTION</c>) with indented
/// postings (<c>ACCOUNT  AMOUNT [@ PRICE] [= ASSERTION] [; comment]</c>, at most one without an amount), comments,
/// <c>account</c> directives and the directives that do not change amounts. Every posting goes to the accumulator
/// as it is read.
/// </summary>
[SkipLocalsInit]
internal sealed class JournalChunkReader : LineReader
{
    private enum Block
    {
        None,
        Transaction,
        Comment,
        DirectiveBody,
        Periodic,
    }

    private readonly ChunkAccumulator acc;
    private readonly TrialBalanceOptions options;
    private readonly bool firstPart;
    private readonly bool lastPart;
    private readonly int entity;
    private readonly int defaultCommodity;
    private readonly int firstFiscalMonth;
    private readonly TransactionBalance balance = new();

    private static readonly SearchValues<byte> Special = SearchValues.Create(";=@"u8);

    private readonly LastLookup commodities;

    // The accounts of the common postings read by WindowPosting.
    private readonly AccountCache accounts;

    // The last commodity of at most 8 bytes read by WindowPosting.
    private ShortName shortCommodity;

    private Block block;
    private string blockEnd = "";

    // The transaction being read.
    private long txLine;
    private long txEntityAndPeriod; // ChunkAccumulator.EntityAndPeriod of the entity and the transaction's period
    private bool txBroken;
    private int elidedAccount;
    private long elidedLine;
    private readonly byte[] txDate = new byte[10];
    private int txDateLength;

    // The last date read without error, when it had ten bytes (YYYY-MM-DD), as two numbers for a quick comparison.
    private bool sameDateValid;
    private ulong lastDate8;
    private ushort lastDate2;
    private byte[] flowBuffer = new byte[128];

    public JournalChunkReader(ChunkAccumulator acc, TrialBalanceOptions options, string entity, bool firstPart, bool lastPart)
    {
        this.acc = acc;
        accounts = acc.NameCache;
        this.options = options;
        this.firstPart = firstPart;
        this.lastPart = lastPart;
        this.entity = acc.Entities.GetOrAdd(entity);
        txEntityAndPeriod = ChunkAccumulator.EntityAndPeriod(this.entity, 0);
        defaultCommodity = acc.Commodities.GetOrAdd(options.DefaultCurrency);
        commodities = new LastLookup(acc.Commodities);
        firstFiscalMonth = options.Calendar.FirstMonth;
    }

    /// <summary>
    /// The loop of <see cref="LineReader.ProcessLines"/>, with <see cref="ProcessLine"/> called directly and the
    /// newlines found 64 bytes at a time: each block gives a bit mask of its newlines, and each bit a line.
    /// </summary>
    protected override int ProcessLines(ReadOnlySpan<byte> span) => ReadLines(span, 0, checkText: false);

    /// <summary>
    /// The same loop checking the text on the way: a block of 64 bytes all ASCII is UTF-8; at the first that is not,
    /// the lines not read yet are checked at once, and read line by line with a report for each line that is not UTF-8
    /// (as <see cref="LineReader"/> does for a whole buffer) when they are not all valid.
    /// </summary>
    protected override int ProcessLinesCheckingText(ReadOnlySpan<byte> span, int lines) => ReadLines(span, lines, checkText: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadLines(ReadOnlySpan<byte> span, int lines, bool checkText)
    {
        // Unchecked: positions are within the span, and a line count does not reach 2^63.
        unchecked
        {
            var start = 0;
            var block = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                ref var r = ref MemoryMarshal.GetReference(span);
                var windowEnd = span.Length - 72; // a line starting here or before has 72 bytes to read
                if (checkText)
                {
                    // Blocks of ASCII bytes are UTF-8 text; at the first block with another byte, the complete lines
                    // from the line it is in are checked at once, and read one by one when they are not all valid.
                    for (; block + 64 <= span.Length; block += 64)
                    {
                        var v0 = Vector128.LoadUnsafe(ref r, (nuint)block);
                        var v1 = Vector128.LoadUnsafe(ref r, (nuint)block + 16);
                        var v2 = Vector128.LoadUnsafe(ref r, (nuint)block + 32);
                        var v3 = Vector128.LoadUnsafe(ref r, (nuint)block + 48);
                        if ((v0 | v1 | v2 | v3).ExtractMostSignificantBits() != 0)
                        {
                            if (!IsText(span, start, lines))
                            {
                                return start + CheckedLines(span[start..]);
                            }

                            checkText = false;
                            break;
                        }

                        start = BlockLines(ref r, block, NewlineMask(v0, v1, v2, v3), start, windowEnd);
                    }
                }

                for (; block + 64 <= span.Length; block += 64)
                {
                    start = BlockLines(ref r, block, NewlineMask(ref Unsafe.Add(ref r, block)), start, windowEnd);
                }
            }

            // The last bytes (all of them without vector instructions).
            return LastLines(span, start, block, lines, checkText);
        }
    }

    /// <summary>The newlines among the 64 bytes at <paramref name="s"/>, as a bit mask (bit i: byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NewlineMask(ref byte s) =>
        NewlineMask(Vector128.LoadUnsafe(ref s), Vector128.LoadUnsafe(ref s, 16), Vector128.LoadUnsafe(ref s, 32), Vector128.LoadUnsafe(ref s, 48));

    /// <summary>The newlines among 64 bytes given as four blocks of 16, as a bit mask (bit i: byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NewlineMask(Vector128<byte> v0, Vector128<byte> v1, Vector128<byte> v2, Vector128<byte> v3)
    {
        var newline = Vector128.Create((byte)'\n');
        return LedgerText.Mask32(v0, v1, newline) | ((ulong)LedgerText.Mask32(v2, v3, newline) << 32);
    }

    /// <summary>
    /// The lines ending in the 64 bytes at <paramref name="block"/>, whose newlines are the bits of
    /// <paramref name="mask"/>, the first starting at <paramref name="start"/>: each bit a line. Returns where the next
    /// line starts. (Tried, slower: listing the newlines of several blocks first and reading their lines after, so that
    /// the line loop ends less often, 1.06 times the time; finding each line from the 64 bytes at its start, where its
    /// posting's blanks are looked for anyway, 1.06: each line then waits for the end of the one before.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BlockLines(ref byte r, int block, ulong mask, int start, int windowEnd)
    {
        unchecked
        {
            while (mask != 0)
            {
                var nl = block + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                LineNumber++;
                var end = nl > start && Unsafe.Add(ref r, nl - 1) == (byte)'\r' ? nl - 1 : nl;

                // An indented line of a transaction, shorter than 64 bytes with 72 bytes to read from its start: the
                // common posting, read from bit masks of those bytes.
                var length = end - start;
                if (this.block == Block.Transaction && (uint)(length - 1) < 63u && start <= windowEnd
                    && Unsafe.Add(ref r, start) is (byte)' ' or (byte)'\t' && WindowPosting(ref Unsafe.Add(ref r, start), length))
                {
                    start = nl + 1;
                    continue;
                }

                // A blank line and a transaction's first line as ProcessLine reads them, without the call.
                if (length == 0)
                {
                    EndBlock();
                }
                else if ((uint)(Unsafe.Add(ref r, start) - (byte)'0') <= 9 && this.block != Block.Comment)
                {
                    EndBlock();
                    Header(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref r, start), length));
                }
                else
                {
                    ProcessLine(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref r, start), length));
                }

                start = nl + 1;
            }

            return start;
        }
    }

    protected override string InvalidTextCode => "ledger.invalid-utf8";

    protected override void Report(long line, int column, string code, string message) => acc.Report(line, code, message, column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            EndBlock();
            return;
        }

        var first = line[0];
        if (first is (byte)' ' or (byte)'\t')
        {
            if (block != Block.Transaction || !PlainPosting(line))
            {
                IndentedLine(line);
            }

            return;
        }

        if (block == Block.Comment)
        {
            if (StartsWithWord(line, blockEnd))
            {
                block = Block.None;
            }

            return;
        }

        EndBlock();
        if (unchecked((uint)(first - (byte)'0') <= 9))
        {
            Header(line);
            return;
        }

        OtherLine(line);
    }

    /// <summary>An indented line that <see cref="PlainPosting"/> did not take: any posting, a note, a directive's body.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void IndentedLine(ReadOnlySpan<byte> line)
    {
        var p = 0;
        LedgerText.SkipBlanks(line, ref p);
        if (p == line.Length)
        {
            EndBlock();
            return;
        }

        switch (block)
        {
            case Block.Transaction:
                if (line[p] != (byte)';')
                {
                    Posting(line, p);
                }
                else if (options.Flows && !FlowKey.TagIn(line[(p + 1)..]).IsEmpty)
                {
                    MisplacedFlow(line);
                }

                return;
            case Block.None:
                if (line[p] != (byte)';')
                {
                    StrayLine(line);
                }

                return;
            default:
                return;
        }
    }

    private void StrayLine(ReadOnlySpan<byte> line) =>
        acc.Report(LineNumber, "ledger.stray-line", $"This indented line {LedgerText.Quote(line)} does not belong to a transaction (is the date line above it missing?); it was not counted.");

    /// <summary>A line at the margin that is neither a transaction nor inside a block comment: a comment or a directive.</summary>
    private void OtherLine(ReadOnlySpan<byte> line)
    {
        switch (line[0])
        {
            case (byte)';' or (byte)'#' or (byte)'%' or (byte)'|' or (byte)'*':
                return;
            case (byte)'~':
                block = Block.Periodic; // a budget rule: it changes no balance
                return;
            case (byte)'=':
                Unsupported(line, "automated transactions (lines starting with '=')", "write the postings they would add into the transactions");
                block = Block.Periodic;
                return;
        }

        Directive(line);
    }

    private void Directive(ReadOnlySpan<byte> line)
    {
        var wordEnd = line.IndexOfAny((byte)' ', (byte)'\t');
        var word = wordEnd < 0 ? line : line[..wordEnd];
        var rest = wordEnd < 0 ? [] : LedgerText.Trim(line[(wordEnd + 1)..], out _);
        switch (Encoding.ASCII.GetString(word))
        {
            case "account":
                var name = AccountOfDirective(rest);
                if (name.IsEmpty)
                {
                    acc.Report(LineNumber, "ledger.bad-directive", "This account directive names no account.");
                }
                else
                {
                    acc.Declare(name);
                }

                block = Block.DirectiveBody;
                return;
            case "comment" or "test":
                block = Block.Comment;
                blockEnd = "end " + Encoding.ASCII.GetString(word);
                return;
            case "end":
                if (!firstPart && (StartsWithWord(rest, "comment") || StartsWithWord(rest, "test")))
                {
                    // This part began inside a block comment: read the file again in one piece.
                    acc.NeedsWholeFile = true;
                }

                return;
            case "commodity" or "payee" or "tag" or "P" or "D" or "N" or "Y" or "year" or "define" or "C" or "decimal-mark":
                if (word.SequenceEqual("decimal-mark"u8) && !rest.StartsWith("."u8))
                {
                    Unsupported(line, "a decimal comma", "write amounts with a decimal point");
                }

                block = Block.DirectiveBody;
                return;
            case "include" or "!include":
                Unsupported(line, "include directives", "give the included file on the command line as well");
                return;
            case "alias" or "apply" or "bucket" or "A" or "!account":
                Unsupported(line, $"the '{Encoding.UTF8.GetString(word)}' directive, which would change account names or amounts", "write the accounts in full");
                block = Block.DirectiveBody;
                return;
            default:
                acc.Report(LineNumber, "ledger.not-understood", $"This line {LedgerText.Quote(line)} is neither a transaction (which starts with a date such as 2003-04-01) nor a directive Kessan knows; nothing on it was counted.");
                block = Block.DirectiveBody;
                return;
        }
    }

    private static ReadOnlySpan<byte> AccountOfDirective(ReadOnlySpan<byte> rest)
    {
        var semi = rest.IndexOf((byte)';');
        if (semi >= 0)
        {
            rest = rest[..semi];
        }

        var end = AccountEnd(rest);
        return LedgerText.Trim(rest[..end], out _);
    }

    private void Unsupported(ReadOnlySpan<byte> line, string what, string instead) =>
        acc.Report(LineNumber, "ledger.unsupported", $"Kessan does not read {what} ({LedgerText.Quote(line)}); {instead}.");

    /// <summary>A flow tag on a note line or a transaction's first line, where it would be ambiguous which posting it is for.</summary>
    private void MisplacedFlow(ReadOnlySpan<byte> line)
    {
        acc.Report(LineNumber, "ledger.flow-not-on-posting", $"The flow tag in {LedgerText.Quote(line)} is not on a posting's line, so Kessan cannot tell which posting it classifies; write it after the amount of that posting (ACCOUNT  AMOUNT  ; flow: NAME).");
        txBroken = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool StartsWithWord(ReadOnlySpan<byte> line, string word)
    {
        if (line.Length < word.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (line[i] != (byte)word[i])
            {
                return false;
            }
        }

        return line.Length == word.Length || line[word.Length] is (byte)' ' or (byte)'\t';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Header(ReadOnlySpan<byte> line)
    {
        block = Block.Transaction;
        txLine = LineNumber;
        txBroken = false;
        elidedAccount = -1;
        balance.Clear();
        acc.Transactions++;

        // Journals are mostly in date order, many transactions a day: a date of ten bytes equal to the last one
        // read without error has the same period.
        if (sameDateValid && line.Length >= 10 && (line.Length == 10 || line[10] is (byte)' ' or (byte)'\t' or (byte)'=' or (byte)';')
            && BinaryPrimitives.ReadUInt64LittleEndian(line) == lastDate8 && BinaryPrimitives.ReadUInt16LittleEndian(line[8..]) == lastDate2)
        {
            if (options.Flows)
            {
                CheckHeaderFlow(line);
            }

            return;
        }

        var end = 0;
        while (end < line.Length && line[end] is not ((byte)' ' or (byte)'\t' or (byte)'=' or (byte)';'))
        {
            end++;
        }

        var date = line[..end];
        txDateLength = Math.Min(date.Length, txDate.Length);
        date[..txDateLength].CopyTo(txDate);
        if (!LedgerText.TryParseDate(date, out var y, out var m, out _))
        {
            sameDateValid = false;
            BadDate(date);
            return;
        }

        txEntityAndPeriod = ChunkAccumulator.EntityAndPeriod(entity, LedgerPeriod.StartMonthOf(y, m, options.By, firstFiscalMonth));
        sameDateValid = date.Length == 10;
        if (sameDateValid)
        {
            lastDate8 = BinaryPrimitives.ReadUInt64LittleEndian(date);
            lastDate2 = BinaryPrimitives.ReadUInt16LittleEndian(date[8..]);
        }

        if (options.Flows)
        {
            CheckHeaderFlow(line);
        }
    }

    private void BadDate(ReadOnlySpan<byte> date)
    {
        acc.Report(LineNumber, "ledger.bad-date", $"The date {LedgerText.Quote(date)} of this transaction is not a real date written as YYYY-MM-DD (or YYYY/MM/DD); its postings were not counted.");
        txBroken = true;
        txEntityAndPeriod = ChunkAccumulator.EntityAndPeriod(entity, 0);
    }

    private void CheckHeaderFlow(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)';') is var semi and >= 0 && !FlowKey.TagIn(line[(semi + 1)..]).IsEmpty)
        {
            MisplacedFlow(line);
        }
    }

    /// <summary>Where an account name ends: at a tab, two spaces, or the end of the text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AccountEnd(ReadOnlySpan<byte> s)
    {
        var k = 0;
        while (true)
        {
            var j = s[k..].IndexOfAny((byte)' ', (byte)'\t');
            if (j < 0)
            {
                return s.Length;
            }

            j += k;
            if (s[j] == (byte)'\t' || j + 1 == s.Length || s[j + 1] is (byte)' ' or (byte)'\t')
            {
                return j;
            }

            k = j + 1;
        }
    }

    /// <summary>
    /// The common posting, read in one pass: <c>ACCOUNT  AMOUNT</c> with a plain amount and nothing else, or
    /// <c>ACCOUNT</c> alone (the amount left out). Returns false, having changed nothing, for anything else
    /// (a status mark, a virtual account, a comment, a price, an assertion…), which <see cref="Posting"/> reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool PlainPosting(ReadOnlySpan<byte> line)
    {
        unchecked
        {
            var p = 1;
            while (p < line.Length && line[p] is (byte)' ' or (byte)'\t')
            {
                p++;
            }

            if (p == line.Length || line[p] is (byte)';' or (byte)'*' or (byte)'!' or (byte)'(' or (byte)'[')
            {
                return false;
            }

            var rest = line[p..];
            var blank = LedgerText.IndexOfBlank(rest);
            if (blank < 0)
            {
                // The account alone: its amount is what balances the transaction.
                if (elidedAccount >= 0)
                {
                    return false;
                }

                acc.Postings++;
                elidedAccount = acc.UseAccount(rest, LineNumber);
                elidedLine = LineNumber;
                return true;
            }

            var next = blank + 1;
            if (next == rest.Length || (rest[blank] == (byte)' ' && rest[next] is not ((byte)' ' or (byte)'\t')))
            {
                return false; // a trailing blank, or a space inside the account's name
            }

            while (next < rest.Length && rest[next] is (byte)' ' or (byte)'\t')
            {
                next++;
            }

            var end = rest.Length;
            while (end > next && rest[end - 1] is (byte)' ' or (byte)'\t')
            {
                end--;
            }

            var amount = rest[next..end];
            if (amount.IsEmpty || !LedgerText.TryParseAmountFast(amount, out var units, out var decimals, out var cStart, out var cLength))
            {
                return false;
            }

            acc.Postings++;
            var accountId = acc.UseAccount(rest[..blank], LineNumber);
            var c = cLength == 0 ? defaultCommodity : Commodity(amount.Slice(cStart, cLength));
            acc.AddUnitsToCell(txEntityAndPeriod, accountId, c, units, decimals);
            balance.AddUnits(c, units, decimals);
            return true;
        }
    }

    /// <summary>
    /// <see cref="PlainPosting"/> for a line of <paramref name="length"/> bytes (1 to 63) starting with a blank, with 72
    /// bytes readable from <paramref name="s"/>: where the indentation, the account and the amount start and end comes
    /// from one bit mask of the blanks among the first 64, without a loop over them; the commonest amount (a commodity
    /// and a whole number in groups of three) is read with vector instructions, and the commodity named last is
    /// recognised with one 8-byte comparison. Same result as PlainPosting. (Lines of 64 bytes or more were tried here
    /// too: the extra tests on every line cost more than they saved.) Not inlined: called from the line loop, it gets
    /// the processor's registers to itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private bool WindowPosting(ref byte s, int length)
    {
        unchecked
        {
            var inLine = (1UL << length) - 1;
            var blank = LedgerText.BlankMask64(ref s) & inLine;
            var text = ~blank & inLine;
            if (text == 0)
            {
                return false;
            }

            var p = BitOperations.TrailingZeroCount(text);
            if (Unsafe.Add(ref s, p) is (byte)';' or (byte)'*' or (byte)'!' or (byte)'(' or (byte)'[')
            {
                return false;
            }

            var after = blank & (ulong.MaxValue << p);
            if (after == 0)
            {
                // The account alone: its amount is what balances the transaction.
                if (elidedAccount >= 0)
                {
                    return false;
                }

                acc.Postings++;
                elidedAccount = accounts.UseAccount(acc, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref s, p), length - p), 72 - p, LineNumber);
                elidedLine = LineNumber;
                return true;
            }

            // The account ends at a tab or two spaces (a space inside the name, or only blanks after it: the slow path).
            var accountEnd = BitOperations.TrailingZeroCount(after);
            var amountBits = text & (ulong.MaxValue << accountEnd);
            if (amountBits == 0 || (Unsafe.Add(ref s, accountEnd) == (byte)' ' && (blank & (2UL << accountEnd)) == 0))
            {
                return false;
            }

            var amountStart = BitOperations.TrailingZeroCount(amountBits);
            var amountEnd = 64 - BitOperations.LeadingZeroCount(text);
            int c, decimals = 0;
            long units;
            if (amountEnd >= 16 && LedgerText.TryParseGroupedAmount(ref s, amountStart, amountEnd, shortCommodity, out units, out var cStart, out var cLength, out var known, out var prefix))
            {
                c = known ? shortCommodity.Id : WindowCommodity(ref s, cStart, cLength);
                if (prefix > 0)
                {
                    LearnPrefix(ref s, c, cStart, cLength, prefix);
                }
            }
            else if (LedgerText.TryParseAmountAt(ref s, amountStart, amountEnd, out units, out decimals, out cStart, out cLength))
            {
                c = cLength == 0 ? defaultCommodity : WindowCommodity(ref s, cStart, cLength);
            }
            else
            {
                return false;
            }

            acc.Postings++;
            var accountId = accounts.UseAccount(acc, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref s, p), accountEnd - p), 72 - p, LineNumber);
            acc.AddUnitsToCell(txEntityAndPeriod, accountId, c, units, decimals);
            balance.AddUnits(c, units, decimals);
            return true;
        }
    }

    /// <summary>
    /// The id of the commodity of <paramref name="length"/> bytes at <paramref name="start"/> in a line with 64 bytes
    /// readable from <paramref name="s"/>: one 8-byte comparison with the last one seen when it is that short (and then
    /// remembered for <see cref="LedgerText.TryParseGroupedAmount"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int WindowCommodity(ref byte s, int start, int length)
    {
        unchecked
        {
            var name = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref s, start), length);
            if (length > 8 || start + 8 > 64)
            {
                return Commodity(name);
            }

            var bits = LedgerText.FirstBytes(ref Unsafe.Add(ref s, start), length);
            if (length == shortCommodity.Length && bits == shortCommodity.Bits)
            {
                return shortCommodity.Id;
            }

            shortCommodity.Id = Commodity(name);
            shortCommodity.Length = length;
            shortCommodity.Bits = bits;
            shortCommodity.PrefixLength = 0;
            return shortCommodity.Id;
        }
    }

    /// <summary>
    /// Remembers how the amount just read wrote its commodity <paramref name="c"/> (the commodity named last): the
    /// <paramref name="prefix"/> bytes from <paramref name="start"/>, the name and the spaces after it, when they are
    /// 8 or fewer, for <see cref="LedgerText.TryParseGroupedAmount"/> to recognise in one comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LearnPrefix(ref byte s, int c, int start, int length, int prefix)
    {
        if (prefix <= 8 && start + 8 <= 64 && c == shortCommodity.Id && length == shortCommodity.Length)
        {
            shortCommodity.PrefixBits = LedgerText.FirstBytes(ref Unsafe.Add(ref s, start), prefix);
            shortCommodity.PrefixLength = prefix;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Posting(ReadOnlySpan<byte> line, int p)
    {
        acc.Postings++;
        if (line[p] is (byte)'*' or (byte)'!' && p + 1 < line.Length && line[p + 1] is (byte)' ' or (byte)'\t')
        {
            p += 2;
            LedgerText.SkipBlanks(line, ref p);
        }

        var rest = line[p..];
        var accountEnd = AccountEnd(rest);
        var account = rest[..accountEnd];
        var balanced = true;
        if (account.Length >= 2 && ((account[0] == (byte)'(' && account[^1] == (byte)')') || (account[0] == (byte)'[' && account[^1] == (byte)']')))
        {
            balanced = account[0] == (byte)'[';
            account = account[1..^1];
        }

        if (account.IsEmpty)
        {
            Broken(line, "ledger.bad-posting", "This posting {0} names no account.");
            return;
        }

        if (options.Flows && rest[accountEnd..].IndexOf((byte)';') is var semicolon and >= 0)
        {
            var flow = FlowKey.TagIn(rest[(accountEnd + semicolon + 1)..]);
            if (!flow.IsEmpty)
            {
                account = FlowKey.Join(account, flow, ref flowBuffer);
            }
        }

        var accountId = acc.UseAccount(account, LineNumber);
        var amountText = rest[accountEnd..];

        // The common case first: a plain amount and nothing else on the line.
        if (balanced)
        {
            var plain = LedgerText.Trim(amountText, out _);
            if (!plain.IsEmpty && LedgerText.TryParseAmountFast(plain, out var units, out var decimals, out var fStart, out var fLength))
            {
                var c = fLength == 0 ? defaultCommodity : Commodity(plain.Slice(fStart, fLength));
                acc.AddUnitsToCell(txEntityAndPeriod, accountId, c, units, decimals);
                balance.AddUnits(c, units, decimals);
                return;
            }
        }

        var at = -1;
        var priceText = ReadOnlySpan<byte>.Empty;
        var totalPrice = false;
        if (amountText.IndexOfAny(Special) >= 0)
        {
            var semi = amountText.IndexOf((byte)';');
            if (semi >= 0)
            {
                amountText = amountText[..semi];
            }

            var eq = amountText.IndexOf((byte)'=');
            if (eq >= 0)
            {
                // A balance assertion: checked by ledger-cli, not needed for the balances themselves.
                if (LedgerText.Trim(amountText[..eq], out _).IsEmpty)
                {
                    Broken(line, "ledger.unsupported", "This posting {0} gives only a balance to reach (a balance assignment); write the amount posted instead.");
                    return;
                }

                amountText = amountText[..eq];
            }

            at = amountText.IndexOf((byte)'@');
            if (at >= 0)
            {
                priceText = amountText[(at + 1)..];
                if (!priceText.IsEmpty && priceText[0] == (byte)'@')
                {
                    totalPrice = true;
                    priceText = priceText[1..];
                }

                amountText = amountText[..at];
            }
        }

        var trimmed = LedgerText.Trim(amountText, out _);
        if (trimmed.IsEmpty)
        {
            if (at >= 0)
            {
                BadAmount(line, trimmed);
                return;
            }

            if (elidedAccount >= 0)
            {
                TwoMissingAmounts();
                return;
            }

            elidedAccount = accountId;
            elidedLine = LineNumber;
            return;
        }

        if (trimmed.IndexOf((byte)'{') >= 0)
        {
            Broken(line, "ledger.unsupported", "Kessan does not read lot prices in braces ({0}); write the cost with '@'.");
            return;
        }

        if (!LedgerText.TryParseAmount(trimmed, out var amount, out var cStart, out var cLength))
        {
            BadAmount(line, trimmed);
            return;
        }

        var commodity = cLength == 0 ? defaultCommodity : Commodity(trimmed.Slice(cStart, cLength));
        acc.AddToCell(txEntityAndPeriod, accountId, commodity, amount);
        if (!balanced)
        {
            return;
        }

        if (at < 0)
        {
            balance.Add(commodity, amount);
            return;
        }

        var priceTrimmed = LedgerText.Trim(priceText, out _);
        if (!LedgerText.TryParseAmount(priceTrimmed, out var price, out var pStart, out var pLength))
        {
            BadAmount(line, priceTrimmed);
            return;
        }

        var priceCommodity = pLength == 0 ? defaultCommodity : acc.Commodities.GetOrAdd(priceTrimmed.Slice(pStart, pLength));
        var cost = totalPrice ? Math.Abs(price.Value) * amount.Sign : amount.Value * price.Value;
        balance.Add(priceCommodity, ScaledAmount.FromDecimal(cost, 0), isPrice: true);
    }

    /// <summary>Reports a problem with a posting, quoted into <paramref name="message"/> at <c>{0}</c>, and leaves its transaction out.</summary>
    private void Broken(ReadOnlySpan<byte> line, string code, string message)
    {
        acc.Report(LineNumber, code, string.Format(CultureInfo.InvariantCulture, message, LedgerText.Quote(line)));
        txBroken = true;
    }

    private void TwoMissingAmounts()
    {
        acc.Report(LineNumber, "ledger.two-missing-amounts", $"This transaction has more than one posting without an amount (lines {elidedLine} and {LineNumber}); only one amount can be left for Kessan to fill in.");
        txBroken = true;
    }

    /// <summary>The id of a commodity, remembering the last one (journals mostly use one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Commodity(ReadOnlySpan<byte> name) => commodities.GetOrAdd(name);

    private void BadAmount(ReadOnlySpan<byte> line, ReadOnlySpan<byte> amount)
    {
        acc.Report(LineNumber, "ledger.bad-amount", $"The amount {LedgerText.Quote(amount)} in this posting is not a number Kessan can read (write it like JPY 1,000 or 1000 JPY or ¥1000); the transaction was not counted.");
        txBroken = true;
        _ = line;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndBlock()
    {
        if (block == Block.Transaction)
        {
            EndTransaction();
        }

        if (block != Block.Comment)
        {
            block = Block.None;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndTransaction()
    {
        block = Block.None;
        if (txBroken)
        {
            return;
        }

        // The common transaction: every amount given, in one commodity, adding up to zero.
        if (elidedAccount < 0 && balance.Count == 1 && balance.SumAt(0).IsZero)
        {
            return;
        }

        if (elidedAccount >= 0)
        {
            for (var i = 0; i < balance.Count; i++)
            {
                ref var sum = ref balance.SumAt(i);
                if (!sum.IsZero)
                {
                    acc.AddToCell(txEntityAndPeriod, elidedAccount, balance.CommodityAt(i), sum.Negate());
                }
            }

            return;
        }

        var open = 0;
        var openIndex = 0;
        var secondIndex = 0;
        for (var i = 0; i < balance.Count; i++)
        {
            if (!balance.IsSettled(i))
            {
                if (open == 0)
                {
                    openIndex = i;
                }
                else
                {
                    secondIndex = i;
                }

                open++;
            }
        }

        if (open == 0)
        {
            return;
        }

        // Two commodities in opposite directions and no price: a conversion at the rate they imply (as ledger-cli reads it).
        if (open == 2 && !balance.AnyPriced && balance.SumAt(openIndex).Sign == -balance.SumAt(secondIndex).Sign)
        {
            return;
        }

        Unbalanced();
    }

    private void Unbalanced()
    {
        var parts = balance.Imbalances(acc.Commodities);
        var date = Encoding.UTF8.GetString(txDate, 0, txDateLength);
        acc.Report(txLine, "ledger.unbalanced", $"The transaction of {date} does not balance: {string.Join("; ", parts)}.");
    }

    internal static string FormatAmount(decimal value, string commodity) =>
        $"{commodity} {value.ToString("#,0.############", CultureInfo.InvariantCulture)}".Trim();

    protected override void Finish()
    {
        acc.Lines = LineNumber;
        if (block == Block.Comment && !lastPart)
        {
            acc.NeedsWholeFile = true;
        }

        EndBlock();
    }
}
