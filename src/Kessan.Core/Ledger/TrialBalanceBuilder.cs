using System.Collections.Concurrent;
using Kessan.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Kessan.Ledger;

/// <summary>
/// Builds a trial balance from journal and CSV files by streaming aggregation: each posting is added to its
/// entity × account × period × currency sum as it is read and then forgotten, so memory depends on the number of
/// accounts and periods, not on the size of the files. Large journals and CSV files are split at transaction
/// boundaries and the parts are read in parallel.
/// </summary>
public static class TrialBalanceBuilder
{
    /// <summary>
    /// A part of a file to read, and once read what is kept of it until the end: its counts and problems. Its sums
    /// are added to the <see cref="Totals"/> as soon as it has been read, so memory does not grow with the file.
    /// </summary>
    private sealed record Part(int FileIndex, int PartIndex, long Start, long End, bool First, bool Last)
    {
        public long Lines { get; set; }

        public long Transactions { get; set; }

        public long Postings { get; set; }

        public IReadOnlyList<LocalDiagnostic> Diagnostics { get; set; } = [];

        public long DiagnosticCount { get; set; }

        public bool IdsFit { get; set; } = true;

        public bool NeedsWholeFile { get; set; }

        /// <summary>The header row of a CSV file, for a part that does not start with it.</summary>
        public byte[]? CsvHeader { get; init; }
    }

    public static Result<TrialBalance> Build(IReadOnlyList<LedgerInput> inputs, TrialBalanceOptions options, ReadProgress? progress = null, CancellationToken cancel = default)
    {
        string? scratch = null;
        try
        {
            // A pipe (`kessan trial-balance <(zcat gl.journal.gz)`, /dev/stdin) is read once, as it comes, into a
            // temporary file: the reader splits a ledger into parts and reads them at their offsets.
            var files = inputs.ToList();
            var shown = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                switch (CopyIfPipe(files[i].Path, () => scratch ??= Directory.CreateTempSubdirectory("kessan-pipe-").FullName, i))
                {
                    case (string copy, null):
                        shown[copy] = files[i].Path;
                        files[i] = files[i] with { Path = copy };
                        break;
                    case (_, { } problem):
                        return new Result<TrialBalance>(null, [problem]);
                }
            }

            var built = TextInput.IsUtf8(options.Encoding) ? BuildUtf8(files, options, progress, cancel) : BuildTranscoded(files, options, progress, cancel);
            return NamedAsGiven(built, shown);
        }
        finally
        {
            if (scratch is not null)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>
    /// The path of a copy of <paramref name="path"/> when it is a pipe or another stream that cannot be read at an offset
    /// (null for a file, or one that does not open: reported when it is read), or the problem met copying it.
    /// </summary>
    private static (string? Copy, Diagnostic? Problem) CopyIfPipe(string path, Func<string> scratch, int index)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, null);
        }

        using (stream)
        {
            if (stream.CanSeek)
            {
                return (null, null);
            }

            var copy = System.IO.Path.Combine(scratch(), index.ToString(System.Globalization.CultureInfo.InvariantCulture) + System.IO.Path.GetExtension(path));
            try
            {
                using var target = File.Create(copy);
                stream.CopyTo(target, 1 << 20);
                return (copy, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, Diagnostic.Error("ledger.unreadable", new SourceLocation(path, 0), $"A ledger file could not be read: {e.Message}"));
            }
        }
    }

    /// <summary>
    /// Files in another encoding than UTF-8: each is copied as UTF-8 into a temporary folder (a byte not valid in the
    /// encoding is reported at its line and column), the copies are read, and the problems name the files given.
    /// </summary>
    private static Result<TrialBalance> BuildTranscoded(IReadOnlyList<LedgerInput> inputs, TrialBalanceOptions options, ReadProgress? progress, CancellationToken cancel)
    {
        var scratch = Directory.CreateTempSubdirectory("kessan-utf8-").FullName;
        try
        {
            var problems = new List<Diagnostic>();
            var copies = new List<LedgerInput>(inputs.Count);
            var shown = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < inputs.Count; i++)
            {
                var copy = System.IO.Path.Combine(scratch, i.ToString(System.Globalization.CultureInfo.InvariantCulture) + System.IO.Path.GetExtension(inputs[i].Path));
                shown[copy] = inputs[i].Path;
                copies.Add(inputs[i] with { Path = copy });
                if (!File.Exists(inputs[i].Path) || StartsWithUtf8Mark(inputs[i].Path))
                {
                    copies[i] = inputs[i]; // missing: reported as ledger.no-file below; with a byte-order mark: UTF-8
                    continue;
                }

                using var target = File.Create(copy);
                if (TextInput.CopyAsUtf8(inputs[i].Path, inputs[i].Path, options.Encoding!, target) is { } problem)
                {
                    problems.Add(problem);
                }
            }

            if (problems.Count > 0)
            {
                return new Result<TrialBalance>(null, problems);
            }

            return NamedAsGiven(BuildUtf8(copies, options with { Encoding = null }, progress, cancel), shown);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The problems of a run over temporary copies, placed in the files given (<paramref name="shown"/>: copy → file).</summary>
    private static Result<TrialBalance> NamedAsGiven(Result<TrialBalance> built, Dictionary<string, string> shown)
    {
        if (shown.Count == 0)
        {
            return built;
        }

        Diagnostic Renamed(Diagnostic d) => d.Location is { } at && shown.TryGetValue(at.File, out var file) ? d with { Location = at with { File = file } } : d;
        return built with { Diagnostics = [.. built.Diagnostics.Select(Renamed)] };
    }

    private static bool StartsWithUtf8Mark(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            Span<byte> head = stackalloc byte[3];
            return TextInput.HasUtf8Mark(head[..RandomAccess.Read(handle, head, 0)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // reported when it is read
        }
    }

    private static Result<TrialBalance> BuildUtf8(IReadOnlyList<LedgerInput> inputs, TrialBalanceOptions options, ReadProgress? progress, CancellationToken cancel)
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
            if (LooksBinary(info))
            {
                var code = inputs[i].Format == LedgerFormat.Csv ? "csv.binary-file" : "ledger.binary-file";
                diagnostics.Add(Diagnostic.Error(code, new SourceLocation(inputs[i].Path, 0), "This file is not UTF-8 text: it holds NUL bytes, as a spreadsheet, an archive, a PDF, a program or UTF-16 text does. Give Kessan the journal or the CSV export itself, saved as UTF-8 (in a spreadsheet: save as CSV UTF-8)."));
            }
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

        var whole = new bool[inputs.Count];
        while (true)
        {
            List<Part> parts;
            var totals = new Totals();
            try
            {
                parts = Plan(inputs, sizes, options, whole);
                Read(inputs, parts, options, totals, progress, cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException || e is AggregateException { InnerException: IOException or UnauthorizedAccessException })
            {
                var inner = e is AggregateException a ? a.InnerException! : e;
                return new Result<TrialBalance>(null, [Diagnostic.Error("ledger.unreadable", null, $"A ledger file could not be read: {inner.Message}")]);
            }

            // A journal whose split fell inside a block comment is read again in one piece (and, since the sums of
            // all parts are already added up, everything with it; this is rare).
            var again = false;
            foreach (var part in parts)
            {
                if (part.NeedsWholeFile && !whole[part.FileIndex])
                {
                    whole[part.FileIndex] = again = true;
                }
            }

            if (!again)
            {
                return Merge(inputs, parts, options, totals, diagnostics);
            }

            if (progress is not null)
            {
                progress.TotalBytes += sizes.Sum(); // everything is read once more
            }
        }
    }

    /// <summary>
    /// Whether a file is binary rather than text: a NUL byte in its first 8 KB, the test git uses. Text in UTF-16
    /// (with NULs between ASCII letters) counts as binary too; Kessan reads UTF-8.
    /// </summary>
    private static bool LooksBinary(FileInfo file)
    {
        try
        {
            using var handle = File.OpenHandle(file.FullName);
            Span<byte> head = stackalloc byte[8192];
            var n = RandomAccess.Read(handle, head, 0);
            return head[..n].Contains((byte)0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // reported as unreadable when it is read
        }
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
            var part = new Part(0, 0, 0, WarmUpJournal.Length, true, true);
            var totals = new Totals();
            totals.Add(part, 0, acc, "warm-up");
            Merge([new LedgerInput("warm-up", LedgerFormat.Journal, "warm-up")], [part], options, totals, []);
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

    /// <summary>The parts to read, in file order; a file marked <paramref name="whole"/> in one piece.</summary>
    private static List<Part> Plan(IReadOnlyList<LedgerInput> inputs, long[] sizes, TrialBalanceOptions options, bool[] whole)
    {
        var parts = new List<Part>();
        byte[]? window = null; // one buffer to look for the part boundaries of every file
        for (var f = 0; f < inputs.Count; f++)
        {
            // Parts of about ChunkBytes, as many as a multiple of the processors so that they end together.
            var size = sizes[f];
            var count = 1;
            if (options.Parallelism > 1 && size > options.ChunkBytes && !whole[f])
            {
                var chunks = (size + options.ChunkBytes - 1) / Math.Max(1, options.ChunkBytes);
                var rounds = (chunks + options.Parallelism - 1) / options.Parallelism;
                count = (int)Math.Min(1024, rounds * options.Parallelism);
            }

            var starts = new List<long> { 0 };
            byte[]? header = null;
            if (count > 1)
            {
                using var handle = File.OpenHandle(inputs[f].Path);
                window ??= new byte[64 * 1024];
                CsvChunkReader? csv = null;
                var headerEnd = 0;
                if (inputs[f].Format == LedgerFormat.Csv)
                {
                    header = CsvChunkReader.FirstRecord(window.AsSpan(0, RandomAccess.Read(handle, window, 0)), out headerEnd);
                    csv = header is null ? null : new CsvChunkReader(new ChunkAccumulator(0), options, inputs[f].Entity, header);
                    if (csv is not { Usable: true })
                    {
                        count = 1; // a header longer than the window, or one without the columns: read in one piece
                    }
                }

                for (var k = 1; k < count; k++)
                {
                    var b = csv is null
                        ? NextTransactionStart(handle, size * k / count, size, window)
                        : NextCsvTransactionStart(handle, Math.Max(headerEnd, size * k / count), window, csv);
                    if (b > starts[^1] && b < size)
                    {
                        starts.Add(b);
                    }
                }
            }

            for (var k = 0; k < starts.Count; k++)
            {
                var end = k + 1 < starts.Count ? starts[k + 1] : size;
                parts.Add(new Part(f, k, starts[k], end, k == 0, k == starts.Count - 1) { CsvHeader = k == 0 ? null : header });
            }
        }

        return parts;
    }

    /// <summary>The first row at or after <paramref name="from"/> that starts a transaction of a CSV file, or -1.</summary>
    private static long NextCsvTransactionStart(SafeFileHandle handle, long from, byte[] window, CsvChunkReader csv)
    {
        var pos = Math.Max(0, from - 1);
        var n = RandomAccess.Read(handle, window, pos);
        return csv.NextTransactionStart(window.AsSpan(0, n), pos);
    }

    /// <summary>The first position at or after <paramref name="from"/> that starts a line beginning with a digit (a transaction's date).</summary>
    private static long NextTransactionStart(SafeFileHandle handle, long from, long size, byte[] window)
    {
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

    private static void Read(IReadOnlyList<LedgerInput> inputs, List<Part> parts, TrialBalanceOptions options, Totals totals, ReadProgress? progress, CancellationToken cancel)
    {
        var ordinals = new Dictionary<Part, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < parts.Count; i++)
        {
            ordinals[parts[i]] = i;
        }

        // Each reading thread has one accumulator, emptied for each part it reads (its sums are in the totals by then).
        void ReadOne(Part part, ChunkAccumulator acc)
        {
            var input = inputs[part.FileIndex];
            acc.Reset();
            using var handle = File.OpenHandle(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            LineReader reader = input.Format == LedgerFormat.Csv
                ? new CsvChunkReader(acc, options, input.Entity, part.CsvHeader, part.Last)
                : new JournalChunkReader(acc, options, input.Entity, part.First, part.Last);
            reader.ReadRange(handle, input.Path, part.Start, part.End, progress, cancel, options.BufferBytes);
            lock (totals)
            {
                totals.Add(part, ordinals[part], acc, input.Entity);
            }
        }

        if (parts.Count == 1 || options.Parallelism <= 1)
        {
            var single = new ChunkAccumulator(options.MaxDiagnostics);
            foreach (var part in parts)
            {
                ReadOne(part, single);
            }

            return;
        }

        // Largest parts first keeps the processors evenly busy; this thread reads too.
        var ordered = new List<Part>(parts);
        ordered.Sort((a, b) => (b.End - b.Start).CompareTo(a.End - a.Start));
        var queue = new ConcurrentQueue<Part>(ordered);
        void Work()
        {
            var acc = new ChunkAccumulator(options.MaxDiagnostics);
            while (queue.TryDequeue(out var part))
            {
                ReadOne(part, acc);
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

    private static Result<TrialBalance> Merge(IReadOnlyList<LedgerInput> inputs, List<Part> parts, TrialBalanceOptions options, Totals totals, List<Diagnostic> diagnostics)
    {
        long transactions = 0, postings = 0, hidden = 0, bytes = 0;
        var lineOffset = new long[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            lineOffset[i] = i > 0 && parts[i - 1].FileIndex == p.FileIndex ? lineOffset[i - 1] + parts[i - 1].Lines : 0;
            transactions += p.Transactions;
            postings += p.Postings;
            bytes += p.End - p.Start;
            foreach (var d in p.Diagnostics)
            {
                diagnostics.Add(Diagnostic.Error(d.Code, new SourceLocation(inputs[p.FileIndex].Path, (int)Math.Min(int.MaxValue, d.Line + lineOffset[i]), d.Column), d.Message));
            }

            hidden += p.DiagnosticCount - p.Diagnostics.Count;
            if (!p.IdsFit)
            {
                diagnostics.Add(Diagnostic.Error("ledger.too-many-names", new SourceLocation(inputs[p.FileIndex].Path, 0), "This file has more than 4,194,303 accounts, 4,095 currencies or 1,023 entities in one part; Kessan cannot total it."));
            }
        }

        if (totals.TooManyNames)
        {
            diagnostics.Add(Diagnostic.Error("ledger.too-many-names", null, "The files have more than 4,194,303 accounts, 4,095 currencies or 1,023 entities in all; Kessan cannot total them."));
        }

        CheckDeclaredAccounts(inputs, parts, lineOffset, totals, diagnostics);
        OneEncodingProblemPerFile(diagnostics);

        if (diagnostics.Count > options.MaxDiagnostics)
        {
            hidden += diagnostics.Count - options.MaxDiagnostics;
            diagnostics.RemoveRange(options.MaxDiagnostics, diagnostics.Count - options.MaxDiagnostics);
        }

        if (hidden > 0)
        {
            diagnostics.Add(Diagnostic.Error("ledger.more-problems", null, $"… and {hidden:#,0} more problems like the ones above, not listed one by one.") with { Actual = ComparedValue.Exact(hidden) });
        }

        if (diagnostics.Count > 0)
        {
            return new Result<TrialBalance>(null, diagnostics);
        }

        var split = new (string Account, string Flow)[totals.Accounts.Count];
        for (var i = 0; i < split.Length; i++)
        {
            split[i] = FlowKey.Split(totals.Accounts[i]);
        }

        var periods = new Dictionary<int, LedgerPeriod>();
        var lines = new List<TrialBalanceLine>(totals.Cells.Count);
        foreach (var (key, index) in totals.Cells)
        {
            var sum = totals.Sums[index];
            if (sum == 0m)
            {
                continue;
            }

            var (e, a, period, c) = ChunkAccumulator.Unpack(key);
            if (!periods.TryGetValue(period, out var lp))
            {
                lp = periods[period] = LedgerPeriod.FromStartMonth(period, options.By, options.Calendar);
            }

            lines.Add(new TrialBalanceLine(totals.Entities[e], split[a].Account, lp, sum / 1.0000000000000000000000000000m, totals.Commodities[c], split[a].Flow));
        }

        lines.Sort(CompareLines);
        return Result<TrialBalance>.Ok(new TrialBalance(lines, transactions, postings, bytes) { Parts = parts.Count });
    }

    /// <summary>
    /// A file saved in another encoding than UTF-8 has bytes that are not UTF-8 on many of its lines: one problem, at
    /// the first, says so and counts the others, instead of one per line.
    /// </summary>
    private static void OneEncodingProblemPerFile(List<Diagnostic> diagnostics)
    {
        static bool IsEncoding(Diagnostic d) => d.Code is "ledger.invalid-utf8" or "csv.invalid-utf8";
        var first = new Dictionary<string, (int Index, List<int> Lines)>(StringComparer.Ordinal);
        var keep = new List<Diagnostic>(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            if (IsEncoding(d) && d.Location is { } at && first.TryGetValue(at.File, out var earlier))
            {
                earlier.Lines.Add(at.Line);
                continue;
            }

            if (IsEncoding(d) && d.Location is { } where)
            {
                first[where.File] = (keep.Count, []);
            }

            keep.Add(d);
        }

        foreach (var (index, lines) in first.Values.Where(f => f.Lines.Count > 0))
        {
            var d = keep[index];
            keep[index] = d with { Message = $"{d.Message} {lines.Count:#,0} more line{(lines.Count == 1 ? " is" : "s are")} not UTF-8 either (line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines.Take(5))}{(lines.Count > 5 ? ", …" : "")})." };
        }

        diagnostics.Clear();
        diagnostics.AddRange(keep);
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

    /// <summary>
    /// The sums of every part read so far, under one numbering of names, and what the check of declared accounts
    /// needs: each part is added as soon as it has been read (under a lock) and then let go of, so memory holds the
    /// names and the sums, however large the files.
    /// </summary>
    private sealed class Totals
    {
        public readonly Names Entities = new();
        public readonly Names Accounts = new();
        public readonly Names Commodities = new();
        public readonly Dictionary<long, int> Cells = [];
        public readonly List<decimal> Sums = [];
        public bool TooManyNames;

        /// <summary>Per entity of a file: the accounts its journals declare.</summary>
        public readonly Dictionary<string, HashSet<string>> Declared = new(StringComparer.Ordinal);

        /// <summary>Per entity of a file: the accounts its postings use, with where first (part, line in it) and how often.</summary>
        public readonly Dictionary<string, Dictionary<string, Use>> Used = new(StringComparer.Ordinal);

        public void Add(Part part, int ordinal, ChunkAccumulator acc, string entity)
        {
            part.Lines = acc.Lines;
            part.Transactions = acc.Transactions;
            part.Postings = acc.Postings;
            part.Diagnostics = acc.Diagnostics.Count == 0 ? [] : acc.Diagnostics; // the accumulator starts a new list when it is emptied
            part.DiagnosticCount = acc.DiagnosticCount;
            part.IdsFit = acc.IdsFit;
            part.NeedsWholeFile = acc.NeedsWholeFile;

            if (!Declared.TryGetValue(entity, out var declared))
            {
                declared = Declared[entity] = new HashSet<string>(StringComparer.Ordinal);
                Used[entity] = new Dictionary<string, Use>(StringComparer.Ordinal);
            }

            var used = Used[entity];
            foreach (var id in acc.Declared)
            {
                declared.Add(acc.Accounts[id]);
            }

            for (var id = 0; id < acc.Accounts.Count; id++)
            {
                if (acc.Uses[id] == 0)
                {
                    continue;
                }

                var name = FlowKey.Split(acc.Accounts[id]).Account;
                var first = (ordinal, acc.FirstUse[id]);
                used[name] = used.TryGetValue(name, out var seen)
                    ? new Use(seen.First.CompareTo(first) <= 0 ? seen.First : first, seen.Count + acc.Uses[id])
                    : new Use(first, acc.Uses[id]);
            }

            if (!acc.IdsFit || TooManyNames)
            {
                return;
            }

            // The part numbers its names its own way: give every name one number for all parts, and add up each
            // cell (entity, account, period, currency) under the key those numbers make.
            var e = Entities.Map(acc.Entities);
            var a = Accounts.Map(acc.Accounts);
            var c = Commodities.Map(acc.Commodities);
            if (!Entities.Fit(1023) || !Accounts.Fit(0x3F_FFFF) || !Commodities.Fit(0xFFF))
            {
                TooManyNames = true;
                return;
            }

            for (var i = 0; i < acc.CellCount; i++)
            {
                var (le, la, period, lc) = ChunkAccumulator.Unpack(acc.CellKey(i));
                var key = ChunkAccumulator.Key(e[le], a[la], period, c[lc]);
                var value = acc.Sum(i).Value;
                if (Cells.TryGetValue(key, out var index))
                {
                    Sums[index] += value;
                }
                else
                {
                    Cells.Add(key, Sums.Count);
                    Sums.Add(value);
                }
            }
        }
    }

    /// <summary>Where an account is first used (the part's number in file order and the line in it) and how often.</summary>
    private readonly record struct Use((int Part, long Line) First, long Count);

    /// <summary>When an entity's journals declare accounts, every account its postings use must be among them.</summary>
    private static void CheckDeclaredAccounts(IReadOnlyList<LedgerInput> inputs, List<Part> parts, long[] lineOffset, Totals totals, List<Diagnostic> diagnostics)
    {
        foreach (var (entity, declared) in totals.Declared)
        {
            if (declared.Count == 0)
            {
                continue;
            }

            var unknown = new List<(string Name, SourceLocation First, long Uses)>();
            foreach (var (name, use) in totals.Used[entity])
            {
                if (!declared.Contains(name))
                {
                    var (part, line) = use.First;
                    unknown.Add((name, new SourceLocation(inputs[parts[part].FileIndex].Path, (int)Math.Min(int.MaxValue, line + lineOffset[part])), use.Count));
                }
            }

            unknown.Sort((x, y) =>
            {
                var c = string.CompareOrdinal(x.First.File, y.First.File);
                return c != 0 ? c : x.First.Line.CompareTo(y.First.Line);
            });
            foreach (var (name, first, uses) in unknown)
            {
                var times = uses == 1 ? "once, here" : $"{uses:#,0} times, first here";
                diagnostics.Add(Diagnostic.Error("ledger.unknown-account", first, $"The account \"{name}\" is not in the chart of accounts (no 'account' directive declares it); it is used {times}. Declare it or correct the name."));
            }
        }
    }
}
