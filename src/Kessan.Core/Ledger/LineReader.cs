using System.Runtime.CompilerServices;
using System.Buffers;
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
/// longest line. Subclasses interpret the lines.
/// </summary>
internal abstract class LineReader
{
    private const int BufferSize = 1 << 20;

    protected long LineNumber;

    protected abstract void ProcessLine(ReadOnlySpan<byte> line);

    /// <summary>
    /// Processes every complete line (ended by a newline) of <paramref name="span"/> and returns where the first
    /// incomplete one starts. A reader may override it to call its own <see cref="ProcessLine"/> directly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected virtual int ProcessLines(ReadOnlySpan<byte> span)
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
            ProcessLine(TrimCr(span.Slice(offset, nl)));
            offset += nl + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected virtual void Finish()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadRange(SafeFileHandle file, long start, long end, ReadProgress? progress, CancellationToken cancel)
    {
        // Buffers are rented so that reading many parts does not leave one garbage buffer per part.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
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
            position += n;
            progress?.Add(n);
            var total = carry + n;
            var atEnd = n == 0 || position >= end;
            var span = new ReadOnlySpan<byte>(buffer, 0, total);
            var offset = ProcessLines(span);

            if (atEnd)
            {
                if (offset < total)
                {
                    LineNumber++;
                    ProcessLine(TrimCr(span[offset..]));
                }

                break;
            }

            carry = total - offset;
            if (carry == buffer.Length)
            {
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
        var rest = ProcessLines(text);
        if (rest < text.Length)
        {
            LineNumber++;
            ProcessLine(TrimCr(text[rest..]));
        }

        Finish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
