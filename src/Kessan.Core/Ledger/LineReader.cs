using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Kessan.Ledger;

/// <summary>Bytes read so far across every file of a run, for a progress display.</summary>
public sealed class ReadProgress
{
    private long bytes;

    public long TotalBytes { get; internal set; }

    public long BytesRead => Interlocked.Read(ref bytes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Add(long n) => Interlocked.Add(ref bytes, n);
}

/// <summary>
/// Streams a byte range of a file line by line through a reusable buffer: no string per line, memory bounded by the
/// longest line. Subclasses interpret the lines. The text must be UTF-8: each buffer is checked at once (vector
/// instructions, a small part of the time reading takes; the journal reader checks it while it looks for the lines),
/// and only a buffer that is not valid is gone through line by line to report where; a file in another encoding would
/// otherwise make different names one (Café and Cafè both "Caf?").
/// </summary>
internal abstract class LineReader
{
    /// <summary>
    /// 256 KB: the bytes just copied in are still in the processor's cache (its L2) when the lines are read. (Reading
    /// the file mapped into memory instead, with no copy, was tried and dropped: 0.9 of the time on one machine, 2.1
    /// times on another, where mapping the pages cost more than copying them; 64 KB to 1 MB buffers all within 5%.)
    /// </summary>
    internal const int BufferBytes = 1 << 18;

    /// <summary>The longest line a buffer grows to hold: 1 GiB (a file with a longer one is not a ledger of lines).</summary>
    private const int MaxBufferBytes = 1 << 30;

    protected long LineNumber;

    protected abstract void ProcessLine(ReadOnlySpan<byte> line);

    /// <summary>Reports a problem at a line and column (from 1) of this reader's part.</summary>
    protected abstract void Report(long line, int column, string code, string message);

    /// <summary>The code of a line that is not UTF-8 text (<c>ledger.invalid-utf8</c> or <c>csv.invalid-utf8</c>).</summary>
    protected abstract string InvalidTextCode { get; }

    /// <summary>
    /// Processes every complete line (ended by a newline) of <paramref name="span"/> and returns where the first
    /// incomplete one starts. A reader may override it to call its own <see cref="ProcessLine"/> directly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected virtual int ProcessLines(ReadOnlySpan<byte> span) => EachLine(span, checkText: false);

    /// <summary>
    /// <see cref="ProcessLines"/> for text not yet known to be UTF-8, whose complete lines are the first
    /// <paramref name="lines"/> bytes: a line that is not UTF-8 is reported (and still read). A reader may override it
    /// to check the text as it goes through it rather than in a pass of its own.
    /// </summary>
    protected virtual int ProcessLinesCheckingText(ReadOnlySpan<byte> span, int lines) =>
        Utf8.IsValid(span[..lines]) ? ProcessLines(span) : EachLine(span, checkText: true);

    /// <summary>Each complete line of <paramref name="span"/>, each checked to be UTF-8 first; where the rest starts.</summary>
    protected int CheckedLines(ReadOnlySpan<byte> span) => EachLine(span, checkText: true);

    /// <summary>
    /// Whether the complete lines of <paramref name="span"/> from <paramref name="start"/> (up to
    /// <paramref name="lines"/>) are UTF-8 text: asked by a reader's own line loop at its first block that is not all
    /// ASCII; when they are not, it reads the rest with <see cref="CheckedLines"/>.
    /// </summary>
    protected static bool IsText(ReadOnlySpan<byte> span, int start, int lines) => Utf8.IsValid(span[start..Math.Max(start, lines)]);

    /// <summary>
    /// The end of a reader's own line loop: the lines from <paramref name="start"/>, looked for from
    /// <paramref name="from"/> (where the loop's blocks stopped), each complete one read; the text not yet known to be
    /// UTF-8 when <paramref name="checkText"/>, up to <paramref name="lines"/>, checked first. Returns where the
    /// first incomplete line starts.
    /// </summary>
    protected int LastLines(ReadOnlySpan<byte> span, int start, int from, int lines, bool checkText)
    {
        if (checkText && !IsText(span, start, lines))
        {
            return start + CheckedLines(span[start..]);
        }

        while (true)
        {
            var nl = span[from..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return start;
            }

            nl += from;
            LineNumber++;
            ProcessLine(TrimCr(span[start..nl]));
            start = from = nl + 1;
        }
    }

    /// <summary>Each complete line of <paramref name="span"/>, checked to be UTF-8 first when asked; where the rest starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EachLine(ReadOnlySpan<byte> span, bool checkText)
    {
        var offset = 0;
        while (true)
        {
            var nl = span[offset..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return offset;
            }

            LineNumber++;
            var line = TrimCr(span.Slice(offset, nl));
            if (checkText)
            {
                ProcessCheckedLine(line, known: false);
            }
            else
            {
                ProcessLine(line);
            }

            offset += nl + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected virtual void Finish()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadRange(SafeFileHandle file, string path, long start, long end, ReadProgress? progress, CancellationToken cancel, int bufferBytes = BufferBytes)
    {
        // Buffers are rented so that reading many parts does not leave one garbage buffer per part.
        var buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        var carry = 0;
        var position = start;
        if (start == 0 && end >= 3)
        {
            // Skip a UTF-8 byte order mark.
            Span<byte> bom = stackalloc byte[3];
            if (RandomAccess.Read(file, bom, 0) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
            {
                position = 3;
            }
        }

        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            var want = (int)Math.Min(buffer.Length - carry, end - position);
            var n = want > 0 ? RandomAccess.Read(file, buffer.AsSpan(carry, want), position) : 0;
            if (n == 0 && position < end)
            {
                // Reported as a file that cannot be read (ledger.unreadable): totals of part of it would look whole.
                ArrayPool<byte>.Shared.Return(buffer);
                throw new IOException($"{path}: the file ends at byte {position:N0}, before the {end:N0} bytes it had when reading began: another program changed it while it was being read; read it again once that program has finished");
            }

            position += n;
            progress?.Add(n);
            var total = carry + n;
            var atEnd = n == 0 || position >= end;
            var span = new ReadOnlySpan<byte>(buffer, 0, total);
            var lines = atEnd ? total : span.LastIndexOf((byte)'\n') + 1; // complete lines end on a character
            var offset = ProcessLinesCheckingText(span, lines);

            if (atEnd)
            {
                if (offset < total)
                {
                    LineNumber++;
                    ProcessCheckedLine(TrimCr(span[offset..]), known: false);
                }

                break;
            }

            carry = total - offset;
            if (carry == buffer.Length)
            {
                if (buffer.Length >= MaxBufferBytes)
                {
                    // Reported as a file that cannot be read (ledger.unreadable).
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw new IOException($"{path}: a line at byte {position - carry:N0} is longer than 1 GiB; this is not a ledger of lines");
                }

                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan().CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
            else
            {
                buffer.AsSpan(offset, carry).CopyTo(buffer);
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
        Finish();
    }

    /// <summary>Reads text held in memory, as <see cref="ReadRange"/> reads a file.</summary>
    public void ReadAll(ReadOnlySpan<byte> text)
    {
        var valid = Utf8.IsValid(text);
        var rest = valid ? ProcessLines(text) : EachLine(text, checkText: true);
        if (rest < text.Length)
        {
            LineNumber++;
            ProcessCheckedLine(TrimCr(text[rest..]), valid);
        }

        Finish();
    }

    /// <summary>Reads a line, reporting first where it is not UTF-8 unless it is <paramref name="known"/> to be.</summary>
    private void ProcessCheckedLine(ReadOnlySpan<byte> line, bool known)
    {
        if (!known && !Utf8.IsValid(line))
        {
            var (column, bytes) = FirstInvalid(line);
            Report(LineNumber, column, InvalidTextCode, $"This line is not UTF-8 text: {bytes} at column {column} is not a character in UTF-8 (was the file saved as Latin-1, Windows-1252 or Shift-JIS?). Save the file as UTF-8, or name its encoding with --encoding (for example --encoding shift_jis); Kessan does not guess an encoding, so that two different names are never read as one.");
        }

        ProcessLine(line);
    }

    /// <summary>The column (in characters, from 1) of the first byte that is not UTF-8, and that byte (or bytes) named.</summary>
    internal static (int Column, string Bytes) FirstInvalid(ReadOnlySpan<byte> line)
    {
        var at = 0;
        var column = 1;
        while (at < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[at..], out _, out var n) != OperationStatus.Done)
            {
                var bad = line.Slice(at, Math.Max(1, n));
                var hex = string.Join(" ", bad.ToArray().Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
                return (column, bad.Length == 1 ? $"the byte {hex}" : $"the bytes {hex}");
            }

            at += n;
            column++;
        }

        return (column, "nothing");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
