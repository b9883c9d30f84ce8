using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Kessan.Diagnostics;

/// <summary>Codes of the problems of reading a file as text, whatever the file is for.</summary>
public static class InputCodes
{
    /// <summary>The file is not valid UTF-8 (nor valid in the encoding asked for).</summary>
    public const string BadEncoding = "input.bad-encoding";

    /// <summary>The file is not text at all (it holds NUL bytes: a spreadsheet, an archive, an image).</summary>
    public const string Binary = "input.binary";

    /// <summary>The file could not be read (permissions, a folder where a file was expected).</summary>
    public const string Unreadable = "input.unreadable";

    /// <summary>The name given to --encoding is not an encoding Kessan knows.</summary>
    public const string UnknownEncoding = "input.unknown-encoding";
}

/// <summary>
/// Reads users' files as text, strictly: UTF-8 (a byte-order mark allowed) unless another encoding is asked for; bytes
/// that are not valid in it are a problem at file:line:column naming the byte, never a silent replacement character;
/// a binary file is recognised as such. Also makes any text safe to quote in a message.
/// </summary>
public static class TextInput
{
    /// <summary>How many bytes at the start of a file are looked at to tell a binary file (as git does).</summary>
    public const int BinaryProbeLength = 8000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextInput() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encodings --encoding accepts, by the name shown to users, with the other names each is known by.</summary>
    public static IReadOnlyList<(string Name, int CodePage, string[] Aliases)> KnownEncodings { get; } =
    [
        ("utf-8", 65001, ["utf8"]),
        ("shift_jis", 932, ["sjis", "cp932", "ms932", "windows-31j", "x-sjis", "ms_kanji"]),
        ("euc-jp", 51932, ["eucjp"]),
        ("iso-8859-1", 28591, ["latin1", "latin-1", "l1", "iso8859-1"]),
        ("windows-1252", 1252, ["cp1252"]),
    ];

    /// <summary>The names --encoding accepts, as a message lists them.</summary>
    public static string KnownEncodingNames => string.Join(", ", KnownEncodings.Select(e => e.Name));

    /// <summary>
    /// The encoding named by <paramref name="name"/> (one of <see cref="KnownEncodings"/>, or an alias such as cp932 or
    /// latin1), decoding strictly; null with an <c>input.unknown-encoding</c> problem when the name is not one of them.
    /// Null or empty means UTF-8.
    /// </summary>
    public static Result<Encoding> EncodingNamed(string? name)
    {
        static string Key(string n) => n.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result<Encoding>.Ok(StrictUtf8);
        }

        foreach (var (shown, codePage, aliases) in KnownEncodings)
        {
            if (Key(shown) == Key(name) || aliases.Any(a => Key(a) == Key(name)))
            {
                return Result<Encoding>.Ok(codePage == StrictUtf8.CodePage ? StrictUtf8 : Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
            }
        }

        return new(null, [Diagnostic.Error(InputCodes.UnknownEncoding, null, $"'{Printable(name)}' is not an encoding Kessan reads; --encoding takes {KnownEncodingNames} (UTF-8 when left out)")]);
    }

    /// <summary>Whether <paramref name="encoding"/> is UTF-8 (or left out, which means UTF-8).</summary>
    public static bool IsUtf8(Encoding? encoding) => encoding is null || encoding.CodePage == StrictUtf8.CodePage;

    /// <summary>Reads the whole file at <paramref name="path"/> as text; <paramref name="shown"/> is the name messages use.</summary>
    public static Result<string> ReadAllText(string path, string? shown = null, Encoding? encoding = null)
    {
        shown ??= path;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, [Unreadable(path, shown, e)]);
        }

        return Decode(bytes, shown, encoding);
    }

    /// <summary>
    /// Copies the file at <paramref name="path"/>, written in <paramref name="encoding"/>, to <paramref name="destination"/>
    /// as UTF-8, a block of whole lines at a time (so memory does not grow with the file); the lines and columns of the
    /// copy are those of the file. Null when all is well, else the problem: the file cannot be read, or the first byte
    /// that is not valid in the encoding, at its line and column (what was copied until then is to be thrown away).
    /// </summary>
    public static Diagnostic? CopyAsUtf8(string path, string shown, Encoding encoding, Stream destination)
    {
        const int Block = 1 << 20;
        var buffer = new byte[Block];
        var carry = 0;
        long line = 0;
        try
        {
            using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            while (true)
            {
                if (carry == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the block
                }

                var n = source.Read(buffer, carry, buffer.Length - carry);
                var total = carry + n;
                var span = buffer.AsSpan(0, total);
                // Whole lines only: a newline byte is never part of a character in the encodings Kessan reads.
                var end = n == 0 ? total : span.LastIndexOf((byte)'\n') + 1;
                var lines = span[..end];
                if (FirstInvalid(lines, encoding) is var bad and >= 0)
                {
                    var (l, c) = Position(lines, bad, encoding);
                    return Diagnostic.Error(InputCodes.BadEncoding, new SourceLocation(shown, (int)Math.Min(int.MaxValue, line + l), c), $"the byte 0x{lines[bad]:X2} is not valid {NameOf(encoding)}; {NotInEncoding(lines)}");
                }

                line += lines.Count((byte)'\n');
                destination.Write(Encoding.UTF8.GetBytes(encoding.GetString(lines)));
                if (n == 0)
                {
                    return null;
                }

                carry = total - end;
                span[end..].CopyTo(buffer);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, shown, e);
        }
    }

    /// <summary>The <c>input.unreadable</c> problem of a file that reading failed with <paramref name="e"/>.</summary>
    private static Diagnostic Unreadable(string path, string shown, Exception e)
    {
        var why = Directory.Exists(path) ? "it is a folder" : e is UnauthorizedAccessException ? "permission denied" : File.Exists(path) ? "the system refused to read it" : "it does not exist";
        return Diagnostic.Error(InputCodes.Unreadable, new SourceLocation(shown, 0), $"the file cannot be read: {why}");
    }

    /// <summary>Decodes <paramref name="bytes"/>, the whole of the file <paramref name="shown"/>.</summary>
    public static Result<string> Decode(ReadOnlySpan<byte> bytes, string shown, Encoding? encoding = null)
    {
        encoding = HasUtf8Mark(bytes) ? null : encoding;
        if (Check(bytes, shown, encoding) is { } problem)
        {
            return new(null, [problem]);
        }

        if (IsUtf8(encoding))
        {
            var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return Result<string>.Ok(StrictUtf8.GetString(bytes[bom..]));
        }

        return Result<string>.Ok(encoding!.GetString(bytes));
    }

    /// <summary>
    /// The first problem of <paramref name="bytes"/> as text, or null: binary content, or a byte that is not valid in
    /// the encoding (UTF-8 by default), reported at its line and column (counted in characters).
    /// </summary>
    public static Diagnostic? Check(ReadOnlySpan<byte> bytes, string shown, Encoding? encoding = null)
    {
        encoding = HasUtf8Mark(bytes) ? null : encoding;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return Diagnostic.Error(InputCodes.BadEncoding, new SourceLocation(shown, 1, 1), "the file is written in UTF-16; save it as UTF-8");
        }

        var probe = bytes[..Math.Min(bytes.Length, BinaryProbeLength)];
        if (probe.IndexOf((byte)0) is var nul and >= 0)
        {
            var (line, column) = Position(bytes, nul);
            return Diagnostic.Error(InputCodes.Binary, new SourceLocation(shown, line, column), "this is not a text file (it holds NUL bytes): a spreadsheet, an archive or an image? Save or export it as text (CSV, UTF-8)");
        }

        var bad = IsUtf8(encoding) ? FirstInvalidUtf8(bytes) : FirstInvalid(bytes, encoding!);
        if (bad < 0)
        {
            return null;
        }

        var (l, c) = Position(bytes, bad, encoding);
        var name = IsUtf8(encoding) ? "UTF-8" : NameOf(encoding!);
        var hint = IsUtf8(encoding)
            ? "the file seems to be saved in another encoding (Latin-1, Windows-1252, Shift-JIS?): save it as UTF-8, or name its encoding with --encoding (for example --encoding shift_jis)"
            : NotInEncoding(bytes);
        return Diagnostic.Error(InputCodes.BadEncoding, new SourceLocation(shown, l, c), $"the byte 0x{bytes[bad]:X2} is not valid {name}; {hint}");
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status == OperationStatus.Done)
                {
                    return -1;
                }

                if (status != OperationStatus.DestinationTooSmall)
                {
                    return offset;
                }
            }

            return -1;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        try
        {
            encoding.GetCharCount(bytes);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return Math.Clamp(e.Index < 0 ? 0 : e.Index, 0, Math.Max(0, bytes.Length - 1));
        }
    }

    /// <summary>Whether <paramref name="bytes"/> start with the UTF-8 byte-order mark: such a file is UTF-8, whatever --encoding says.</summary>
    public static bool HasUtf8Mark(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    /// <summary>What to do about text that is not in the encoding given with --encoding; <paramref name="bytes"/> are the text read.</summary>
    private static string NotInEncoding(ReadOnlySpan<byte> bytes) => FirstInvalidUtf8(bytes) < 0
        ? "the file reads as UTF-8: save it as UTF-8 with a byte-order mark (Kessan reads such a file as UTF-8 whatever --encoding says), or in the encoding given"
        : "the file is not in the encoding given with --encoding: check it, or save the file as UTF-8";

    /// <summary>The name of <paramref name="encoding"/> as --encoding takes it.</summary>
    public static string NameOf(Encoding encoding) =>
        KnownEncodings.FirstOrDefault(e => e.CodePage == encoding.CodePage).Name ?? encoding.WebName;

    /// <summary>
    /// Line and column (from 1; the column counts characters, not bytes) of the byte at <paramref name="offset"/>, in
    /// a file in <paramref name="encoding"/> (UTF-8 when null) whose bytes before the offset are valid.
    /// </summary>
    public static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset, Encoding? encoding = null)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        if (!IsUtf8(encoding))
        {
            return (line, encoding!.GetCharCount(bytes[lineStart..offset]) + 1);
        }

        var column = 1;
        foreach (var b in bytes[lineStart..offset])
        {
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return (line, column);
    }

    /// <summary>
    /// <paramref name="text"/> made safe to quote in a message: control characters but the tab shown as <c>\xNN</c>
    /// (as the ledger readers show them), and anything over <paramref name="max"/> characters cut with an ellipsis.
    /// </summary>
    public static string Printable(string text, int max = 120)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var ch in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            if (ch != '\t' && (char.IsControl(ch) || ch == '\uFFFD'))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:X2}");
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
