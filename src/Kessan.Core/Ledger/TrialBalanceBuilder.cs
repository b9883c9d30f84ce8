using System.Collections.Concurrent;
using Kessan.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Kessan.Ledger;

/// <summary>
/// Builds a trial balance from journal and CSV files by streaming aggregation: each posting is added to its
/// entity × account × period × currency sum as it is read and then forgotten, so memory depends on the number of
/// accounts and periods, not on the size of the files. Large journals are split at transaction boundaries and the
/// parts are read in parallel.
/// </summary>
public static class TrialBalanceBuilder
{
    private sealed record Part(int FileIndex, int PartIndex, long Start, long End, bool First, bool Last)
    {
        public ChunkAccumulator? Result { get; set; }
    }

    public static Result<TrialBalance> Build(IReadOnlyList<LedgerInput> inputs, TrialBalanceOptions options, ReadProgress? progress = null, CancellationToken cancel = default)
    {
        var diagnostics = new List<Diagnostic>();
        var sizes = new long[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var info = new FileInfo(inputs[i].Path);
            if (!info.Exists)
            {
                diagnostics.Add(Diagnostic.Error("ledger.no-file", new SourceLocation(inputs[i].Path, 0), "This file does not exist."));
                continue;
            }

            sizes[i] = info.Length;
        }

        if (diagnostics.Count > 0)
        {
            return new Result<TrialBalance>(null, diagnostics);
        }

        if (progress is not null)
        {
            long total = 0;
            foreach (var size in sizes)
            {
                total += size;
            }

            progress.TotalBytes = total;
        }

        List<Part> parts;
        try
        {
            parts = Plan(inputs, sizes, options);
            Read(inputs, parts, options, progress, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || e is AggregateException { InnerException: IOException or UnauthorizedAccessException })
        {
            var inner = e is AggregateException a ? a.InnerException! : e;
            return new Result<TrialBalance>(null, [Diagnostic.Error("ledger.unreadable", null, $"A ledger file could not be read: {inner.Message}")]);
        }

        // A journal whose split fell inside a block comment is read again in one piece.
        var redo = new bool[inputs.Count];
        var whole = new List<Part>();
        foreach (var part in parts)
        {
            if (part.Result!.NeedsWholeFile && !redo[part.FileIndex])
            {
                redo[part.FileIndex] = true;
                whole.Add(new Part(part.FileIndex, 0, 0, sizes[part.FileIndex], true, true));
            }
        }

        if (whole.Count > 0)
        {
            parts.RemoveAll(p => redo[p.FileIndex]);
            Read(inputs, whole, options, progress, cancel);
            parts.AddRange(whole);
        }

        parts.Sort((a, b) => a.FileIndex != b.FileIndex ? a.FileIndex.CompareTo(b.FileIndex) : a.PartIndex.CompareTo(b.PartIndex));
        return Merge(inputs, parts, options, diagnostics);
    }

    /// <summary>
    /// Starts compiling the journal reader on another thread, by reading a small journal held in memory, so that a
    /// caller with other work to do first (parsing its command line) finds it compiled when it builds a trial
    /// balance: the methods that read each line are compiled fully optimized at their first call, which would
    /// otherwise delay the start of reading.
    /// </summary>
    public static void Prepare() => ThreadPool.UnsafeQueueUserWorkItem(_ => WarmUp(), null);

    private static void WarmUp()
    {
        try
        {
            var options = new TrialBalanceOptions();
            var acc = new ChunkAccumulator(options.MaxDiagnostics);
            new JournalChunkReader(acc, options, "warm-up", true, true).ReadAll(WarmUpJournal);
            var part = new Part(0, 0, 0, WarmUpJournal.Length, true, true) { Result = acc };
            Merge([new LedgerInput("warm-up", LedgerFormat.Journal, "warm-up")], [part], options, []);
        }
        catch (Exception)
        {
            // Only a head start: whatever went wrong here happens again, and is reported, when the files are read.
        }
    }

    /// <summary>The common shapes of a journal: declarations, transactions on a new and on the same date, amounts before and after, one left out.</summary>
    private static ReadOnlySpan<byte> WarmUpJournal => """
        account Assets:Cash
        account Income:Sales

        2003-04-01 * (1) sale
            Assets:Cash    JPY 1,000
            Income:Sales    -JPY 1,000

        2003-04-01 sale
            Assets:Cash    2,000 JPY
            Income:Sales

        """u8;

    private static List<Part> Plan(IReadOnlyList<LedgerInput> inputs, long[] sizes, TrialBalanceOptions options)
    {
        var parts = new List<Part>();
        for (var f = 0; f < inputs.Count; f++)
        {
            // Parts of about ChunkBytes, as many as a multiple of the processors so that they end together.
            var size = sizes[f];
            var count = 1;
            if (inputs[f].Format == LedgerFormat.Journal && options.Parallelism > 1 && size > options.ChunkBytes)
            {
                var chunks = (size + options.ChunkBytes - 1) / Math.Max(1, options.ChunkBytes);
                var rounds = (chunks + options.Parallelism - 1) / options.Parallelism;
                count = (int)Math.Min(1024, rounds * options.Parallelism);
            }

            var starts = new List<long> { 0 };
            if (count > 1)
            {
                using var handle = File.OpenHandle(inputs[f].Path);
                for (var k = 1; k < count; k++)
                {
                    var b = NextTransactionStart(handle, size * k / count, size);
                    if (b > starts[^1] && b < size)
                    {
                        starts.Add(b);
                    }
                }
            }

            for (var k = 0; k < starts.Count; k++)
            {
                var end = k + 1 < starts.Count ? starts[k + 1] : size;
                parts.Add(new Part(f, k, starts[k], end, k == 0, k == starts.Count - 1));
            }
        }

        return parts;
    }

    /// <summary>The first position at or after <paramref name="from"/> that starts a line beginning with a digit (a transaction's date).</summary>
    private static long NextTransactionStart(SafeFileHandle handle, long from, long size)
    {
        var window = new byte[64 * 1024];
        var pos = Math.Max(0, from - 1);
        while (pos < size)
        {
            var n = RandomAccess.Read(handle, window, pos);
            if (n <= 0)
            {
                break;
            }

            var span = window.AsSpan(0, n);
            var i = 0;
            while (true)
            {
                var nl = span[i..].IndexOf((byte)'\n');
                if (nl < 0)
                {
                    break;
                }

                i += nl + 1;
                if (i < n && unchecked((uint)(span[i] - (byte)'0') <= 9))
                {
                    return pos + i;
                }
            }

            // Step back one byte so a newline at the window's end is seen with the byte after it.
            pos += Math.Max(1, n - 1);
        }

        return size;
    }

    private static void Read(IReadOnlyList<LedgerInput> inputs, List<Part> parts, TrialBalanceOptions options, ReadProgress? progress, CancellationToken cancel)
    {
        void ReadOne(Part part)
        {
            var input = inputs[part.FileIndex];
            var acc = new ChunkAccumulator(options.MaxDiagnostics);
            using var handle = File.OpenHandle(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            LineReader reader = input.Format == LedgerFormat.Csv
                ? new CsvChunkReader(acc, options, input.Entity)
                : new JournalChunkReader(acc, options, input.Entity, part.First, part.Last);
            reader.ReadRange(handle, part.Start, part.End, progress, cancel);
            part.Result = acc;
        }

        if (parts.Count == 1 || options.Parallelism <= 1)
        {
            foreach (var part in parts)
            {
                ReadOne(part);
            }

            return;
        }

        // Largest parts first keeps the processors evenly busy; this thread reads too.
        var ordered = new List<Part>(parts);
        ordered.Sort((a, b) => (b.End - b.Start).CompareTo(a.End - a.Start));
        var queue = new ConcurrentQueue<Part>(ordered);
        void Work()
        {
            while (queue.TryDequeue(out var part))
            {
                ReadOne(part);
            }
        }

        var workers = new Task[Math.Min(options.Parallelism, parts.Count) - 1];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(Work, cancel);
        }

        try
        {
            Work();
        }
        finally
        {
            // Whatever happened here, the other readers finish before this returns (their errors come first).
            Task.WaitAll(workers, cancel);
        }
    }

    private static Result<TrialBalance> Merge(IReadOnlyList<LedgerInput> inputs, List<Part> parts, TrialBalanceOptions options, List<Diagnostic> diagnostics)
    {
        long transactions = 0, postings = 0, hidden = 0, bytes = 0;
        var lineOffset = new long[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            lineOffset[i] = i > 0 && parts[i - 1].FileIndex == p.FileIndex ? lineOffset[i - 1] + parts[i - 1].Result!.Lines : 0;
            var acc = p.Result!;
            transactions += acc.Transactions;
            postings += acc.Postings;
            bytes += p.End - p.Start;
            foreach (var d in acc.Diagnostics)
            {
                diagnostics.Add(Diagnostic.Error(d.Code, new SourceLocation(inputs[p.FileIndex].Path, (int)Math.Min(int.MaxValue, d.Line + lineOffset[i])), d.Message));
            }

            hidden += acc.DiagnosticCount - acc.Diagnostics.Count;
            if (!acc.IdsFit)
            {
                diagnostics.Add(Diagnostic.Error("ledger.too-many-names", new SourceLocation(inputs[p.FileIndex].Path, 0), "This file has more than 4 million accounts, 4,000 currencies or 1,000 entities in one part; Kessan cannot total it."));
            }
        }

        CheckDeclaredAccounts(inputs, parts, lineOffset, diagnostics);

        // The parts number their names each in their own way: give every name one number for all of them, and add
        // up each cell (entity, account, period, currency) under the key those numbers make.
        var entities = new Names();
        var accounts = new Names();
        var commodities = new Names();
        var cells = new Dictionary<long, int>();
        var sums = new List<decimal>();
        foreach (var part in parts)
        {
            var acc = part.Result!;
            if (!acc.IdsFit)
            {
                continue;
            }

            var e = entities.Map(acc.Entities);
            var a = accounts.Map(acc.Accounts);
            var c = commodities.Map(acc.Commodities);
            if (!entities.Fit(1023) || !accounts.Fit(0x3F_FFFF) || !commodities.Fit(0xFFF))
            {
                diagnostics.Add(Diagnostic.Error("ledger.too-many-names", null, "The files have more than 4 million accounts, 4,000 currencies or 1,000 entities in all; Kessan cannot total them."));
                break;
            }

            for (var i = 0; i < acc.CellCount; i++)
            {
                var (le, la, period, lc) = ChunkAccumulator.Unpack(acc.CellKey(i));
                var key = ChunkAccumulator.Key(e[le], a[la], period, c[lc]);
                var value = acc.Sum(i).Value;
                if (cells.TryGetValue(key, out var index))
                {
                    sums[index] += value;
                }
                else
                {
                    cells.Add(key, sums.Count);
                    sums.Add(value);
                }
            }
        }

        if (diagnostics.Count > options.MaxDiagnostics)
        {
            hidden += diagnostics.Count - options.MaxDiagnostics;
            diagnostics.RemoveRange(options.MaxDiagnostics, diagnostics.Count - options.MaxDiagnostics);
        }

        if (hidden > 0)
        {
            diagnostics.Add(Diagnostic.Error("ledger.more-problems", null, $"… and {hidden:#,0} more problems like the ones above, not listed one by one."));
        }

        if (diagnostics.Count > 0)
        {
            return new Result<TrialBalance>(null, diagnostics);
        }

        var split = new (string Account, string Flow)[accounts.Count];
        for (var i = 0; i < split.Length; i++)
        {
            split[i] = FlowKey.Split(accounts[i]);
        }

        var periods = new Dictionary<int, LedgerPeriod>();
        var lines = new List<TrialBalanceLine>(cells.Count);
        foreach (var (key, index) in cells)
        {
            var sum = sums[index];
            if (sum == 0m)
            {
                continue;
            }

            var (e, a, period, c) = ChunkAccumulator.Unpack(key);
            if (!periods.TryGetValue(period, out var lp))
            {
                lp = periods[period] = LedgerPeriod.FromStartMonth(period, options.By, options.Calendar);
            }

            lines.Add(new TrialBalanceLine(entities[e], split[a].Account, lp, sum / 1.0000000000000000000000000000m, commodities[c], split[a].Flow));
        }

        lines.Sort(CompareLines);
        return Result<TrialBalance>.Ok(new TrialBalance(lines, transactions, postings, bytes));
    }

    /// <summary>By entity, account, period, currency and flow: the order of a trial balance.</summary>
    private static int CompareLines(TrialBalanceLine x, TrialBalanceLine y)
    {
        var c = string.CompareOrdinal(x.Entity, y.Entity);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Account, y.Account);
        }

        if (c == 0)
        {
            c = x.Period.CompareTo(y.Period);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Currency, y.Currency);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Flow, y.Flow);
    }

    /// <summary>One number for each distinct name across the parts.</summary>
    private sealed class Names
    {
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly List<string> names = [];

        public int Count => names.Count;

        public string this[int id] => names[id];

        /// <summary>The number of each of a part's names, by its number in the part.</summary>
        public int[] Map(ByteInterner local)
        {
            var map = new int[local.Count];
            for (var i = 0; i < map.Length; i++)
            {
                var name = local[i];
                if (!ids.TryGetValue(name, out var id))
                {
                    id = names.Count;
                    ids.Add(name, id);
                    names.Add(name);
                }

                map[i] = id;
            }

            return map;
        }

        public bool Fit(int max) => names.Count <= max;
    }

    /// <summary>When an entity's journals declare accounts, every account its postings use must be among them.</summary>
    private static void CheckDeclaredAccounts(IReadOnlyList<LedgerInput> inputs, List<Part> parts, long[] lineOffset, List<Diagnostic> diagnostics)
    {
        // The parts of each entity, in order.
        var byEntity = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var entityOrder = new List<List<int>>();
        for (var i = 0; i < parts.Count; i++)
        {
            var entity = inputs[parts[i].FileIndex].Entity;
            if (!byEntity.TryGetValue(entity, out var list))
            {
                list = byEntity[entity] = [];
                entityOrder.Add(list);
            }

            list.Add(i);
        }

        foreach (var group in entityOrder)
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var index in group)
            {
                var acc = parts[index].Result!;
                foreach (var id in acc.Declared)
                {
                    declared.Add(acc.Accounts[id]);
                }
            }

            if (declared.Count == 0)
            {
                continue;
            }

            var unknown = new Dictionary<string, Unknown>(StringComparer.Ordinal);
            foreach (var index in group)
            {
                var part = parts[index];
                var acc = part.Result!;
                for (var id = 0; id < acc.Accounts.Count; id++)
                {
                    if (acc.Uses[id] == 0)
                    {
                        continue;
                    }

                    var name = FlowKey.Split(acc.Accounts[id]).Account;
                    if (declared.Contains(name))
                    {
                        continue;
                    }

                    if (unknown.TryGetValue(name, out var seen))
                    {
                        seen.Uses += acc.Uses[id];
                    }
                    else
                    {
                        var at = new SourceLocation(inputs[part.FileIndex].Path, (int)Math.Min(int.MaxValue, acc.FirstUse[id] + lineOffset[index]));
                        unknown[name] = new Unknown(name, at) { Uses = acc.Uses[id] };
                    }
                }
            }

            var list = new List<Unknown>(unknown.Values);
            list.Sort((x, y) =>
            {
                var c = string.CompareOrdinal(x.First.File, y.First.File);
                return c != 0 ? c : x.First.Line.CompareTo(y.First.Line);
            });
            foreach (var u in list)
            {
                var times = u.Uses == 1 ? "once, here" : $"{u.Uses:#,0} times, first here";
                diagnostics.Add(Diagnostic.Error("ledger.unknown-account", u.First, $"The account \"{u.Name}\" is not in the chart of accounts (no 'account' directive declares it); it is used {times}. Declare it or correct the name."));
            }
        }
    }

    /// <summary>An account used but not declared: where it is first used and how often.</summary>
    private sealed class Unknown(string name, SourceLocation first)
    {
        public string Name { get; } = name;

        public SourceLocation First { get; } = first;

        public long Uses { get; set; }
    }
}
