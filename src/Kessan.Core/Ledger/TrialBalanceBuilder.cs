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
            progress.TotalBytes = sizes.Sum();
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
        var redo = parts.Where(p => p.Result!.NeedsWholeFile).Select(p => p.FileIndex).Distinct().ToHashSet();
        if (redo.Count > 0)
        {
            parts.RemoveAll(p => redo.Contains(p.FileIndex));
            var whole = redo.Select(f => new Part(f, 0, 0, sizes[f], true, true)).ToList();
            Read(inputs, whole, options, progress, cancel);
            parts.AddRange(whole);
        }

        parts.Sort((a, b) => (a.FileIndex, a.PartIndex).CompareTo((b.FileIndex, b.PartIndex)));
        return Merge(inputs, parts, options, diagnostics);
    }

    private static List<Part> Plan(IReadOnlyList<LedgerInput> inputs, long[] sizes, TrialBalanceOptions options)
    {
        var parts = new List<Part>();
        for (var f = 0; f < inputs.Count; f++)
        {
            var size = sizes[f];
            var count = inputs[f].Format == LedgerFormat.Journal && options.Parallelism > 1
                ? (int)Math.Max(1, Math.Min(1024, size / Math.Max(1, options.ChunkBytes)))
                : 1;
            if (count > 1 && count < options.Parallelism && size > options.ChunkBytes)
            {
                count = options.Parallelism;
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

        // Largest parts first keeps the processors evenly busy.
        var ordered = parts.OrderByDescending(p => p.End - p.Start).ToList();
        var queue = new ConcurrentQueue<Part>(ordered);
        var workers = Enumerable.Range(0, Math.Min(options.Parallelism, parts.Count)).Select(_ => Task.Run(
            () =>
            {
                while (queue.TryDequeue(out var part))
                {
                    ReadOne(part);
                }
            },
            cancel)).ToArray();
        Task.WaitAll(workers, cancel);
    }

    private static Result<TrialBalance> Merge(IReadOnlyList<LedgerInput> inputs, List<Part> parts, TrialBalanceOptions options, List<Diagnostic> diagnostics)
    {
        long transactions = 0, postings = 0, hidden = 0;
        var lineOffset = new long[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            lineOffset[i] = i > 0 && parts[i - 1].FileIndex == p.FileIndex ? lineOffset[i - 1] + parts[i - 1].Result!.Lines : 0;
            var acc = p.Result!;
            transactions += acc.Transactions;
            postings += acc.Postings;
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

        var sums = new Dictionary<(string Entity, string Account, int Period, string Currency), decimal>();
        foreach (var part in parts)
        {
            var acc = part.Result!;
            var entities = new string[acc.Entities.Count];
            var accounts = new string[acc.Accounts.Count];
            var commodities = new string[acc.Commodities.Count];
            foreach (var (key, index) in acc.Cells)
            {
                var value = acc.Sum(index);
                var (e, a, period, c) = ChunkAccumulator.Unpack(key);
                var k = (entities[e] ??= acc.Entities[e], accounts[a] ??= acc.Accounts[a], period, commodities[c] ??= acc.Commodities[c]);
                sums[k] = sums.GetValueOrDefault(k) + value.Value;
            }
        }

        var periods = new Dictionary<int, LedgerPeriod>();
        var lines = sums
            .Where(kv => kv.Value != 0m)
            .Select(kv =>
            {
                var (account, flow) = FlowKey.Split(kv.Key.Account);
                return new TrialBalanceLine(
                    kv.Key.Entity,
                    account,
                    periods.TryGetValue(kv.Key.Period, out var lp) ? lp : periods[kv.Key.Period] = LedgerPeriod.FromStartMonth(kv.Key.Period, options.By, options.Calendar),
                    kv.Value / 1.0000000000000000000000000000m,
                    kv.Key.Currency,
                    flow);
            })
            .OrderBy(l => l.Entity, StringComparer.Ordinal)
            .ThenBy(l => l.Account, StringComparer.Ordinal)
            .ThenBy(l => l.Period)
            .ThenBy(l => l.Currency, StringComparer.Ordinal)
            .ThenBy(l => l.Flow, StringComparer.Ordinal)
            .ToList();
        return Result<TrialBalance>.Ok(new TrialBalance(lines, transactions, postings, parts.Sum(p => p.End - p.Start)));
    }

    /// <summary>When an entity's journals declare accounts, every account its postings use must be among them.</summary>
    private static void CheckDeclaredAccounts(IReadOnlyList<LedgerInput> inputs, List<Part> parts, long[] lineOffset, List<Diagnostic> diagnostics)
    {
        foreach (var group in parts.Select((p, i) => (Part: p, Index: i)).GroupBy(x => inputs[x.Part.FileIndex].Entity))
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (part, _) in group)
            {
                foreach (var id in part.Result!.Declared)
                {
                    declared.Add(part.Result.Accounts[id]);
                }
            }

            if (declared.Count == 0)
            {
                continue;
            }

            var unknown = new Dictionary<string, (SourceLocation First, long Uses)>(StringComparer.Ordinal);
            foreach (var (part, index) in group)
            {
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

                    var at = new SourceLocation(inputs[part.FileIndex].Path, (int)Math.Min(int.MaxValue, acc.FirstUse[id] + lineOffset[index]));
                    unknown[name] = unknown.TryGetValue(name, out var seen) ? (seen.First, seen.Uses + acc.Uses[id]) : (at, acc.Uses[id]);
                }
            }

            foreach (var (name, (first, uses)) in unknown.OrderBy(u => u.Value.First.File, StringComparer.Ordinal).ThenBy(u => u.Value.First.Line))
            {
                var times = uses == 1 ? "once, here" : $"{uses:#,0} times, first here";
                diagnostics.Add(Diagnostic.Error("ledger.unknown-account", first, $"The account \"{name}\" is not in the chart of accounts (no 'account' directive declares it); it is used {times}. Declare it or correct the name."));
            }
        }
    }
}
