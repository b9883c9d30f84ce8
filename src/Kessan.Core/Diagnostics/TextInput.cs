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

    /// <summary>
    /// The encoding named by <paramref name="name"/> (utf-8, shift_jis, cp932, euc-jp, iso-8859-1, windows-1252 ...),
    /// decoding strictly; null with a problem when the name is unknown. Null or empty means UTF-8.
    /// </summary>
    public static Result<Encoding> EncodingNamed(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Result<Encoding>.Ok(StrictUtf8);
        }

        try
        {
            return Result<Encoding>.Ok(Encoding.GetEncoding(name.Trim(), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback));
        }
        catch (ArgumentException)
        {
            return new(null, [Diagnostic.Error(InputCodes.UnknownEncoding, null, $"'{Printable(name)}' is not an encoding Kessan knows; use utf-8 (the default), shift_jis, euc-jp, iso-8859-1 or windows-1252")]);
        }
    }

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
            var why = Directory.Exists(path) ? "it is a folder" : e is UnauthorizedAccessException ? "permission denied" : "the system refused to read it";
            return new(null, [Diagnostic.Error(InputCodes.Unreadable, new SourceLocation(shown, 0), $"the file cannot be read: {why}")]);
        }

        return Decode(bytes, shown, encoding);
    }

    /// <summary>Decodes <paramref name="bytes"/>, the whole of the file <paramref name="shown"/>.</summary>
    public static Result<string> Decode(ReadOnlySpan<byte> bytes, string shown, Encoding? encoding = null)
    {
        if (Check(bytes, shown, encoding) is { } problem)
        {
            return new(null, [problem]);
        }

        if (encoding is null || encoding.CodePage == StrictUtf8.CodePage)
        {
            var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return Result<string>.Ok(StrictUtf8.GetString(bytes[bom..]));
        }

        return Result<string>.Ok(encoding.GetString(bytes));
    }

    /// <summary>
    /// The first problem of <paramref name="bytes"/> as text, or null: binary content, or a byte that is not valid in
    /// the encoding (UTF-8 by default), reported at its line and column (counted in characters).
    /// </summary>
    public static Diagnostic? Check(ReadOnlySpan<byte> bytes, string shown, Encoding? encoding = null)
    {
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

        var bad = encoding is null || encoding.CodePage == StrictUtf8.CodePage ? FirstInvalidUtf8(bytes) : FirstInvalid(bytes, encoding);
        if (bad < 0)
        {
            return null;
        }

        var (l, c) = Position(bytes, bad);
        var name = encoding is null || encoding.CodePage == StrictUtf8.CodePage ? "UTF-8" : encoding.WebName;
        var hint = encoding is null || encoding.CodePage == StrictUtf8.CodePage
            ? "the file seems to be saved in another encoding (Latin-1, Windows-1252, Shift-JIS?): save it as UTF-8, or name its encoding with --encoding where the command has it"
            : "check the --encoding given";
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

    /// <summary>Line and column (from 1; the column counts characters, not bytes) of the byte at <paramref name="offset"/>.</summary>
    public static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = 1;
        foreach (var b in bytes[lineStart..offset])
        {
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return (line, column);
    }

    /// <summary>
    /// <paramref name="text"/> made safe to quote in a message: control characters shown as <c>\xNN</c> (tab as
    /// <c>\t</c>), and anything over <paramref name="max"/> characters cut with an ellipsis.
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

            if (ch == '\t')
            {
                sb.Append("\\t");
            }
            else if (char.IsControl(ch) || ch == '\uFFFD')
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
