using System.Text;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;

namespace Kessan.Verify.Reading;

/// <summary>Which reader a file needs.</summary>
public enum ReleaseFormat
{
    Text,
    Markdown,
    Html,
}

/// <summary>
/// Turns a file's bytes into a <see cref="SourceDocument"/>, or into findings explaining why it cannot be read
/// (empty, binary, not UTF-8, too large, a PDF that is protected or damaged). A PDF is known by its first bytes,
/// whatever its name. Never throws for bad input.
/// </summary>
public static class ReleaseLoader
{
    /// <summary>Largest file verify reads; a results release is a few hundred kilobytes.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    private static readonly System.Buffers.SearchValues<byte> Blank = System.Buffers.SearchValues.Create(" \n\r\t"u8);

    /// <summary>
    /// Reads a file from disk, in <paramref name="encoding"/> (UTF-8 when null); too-large files are rejected from their
    /// size without being read.
    /// </summary>
    public static (SourceDocument? Document, IReadOnlyList<Diagnostic> Problems) LoadFile(string path, Encoding? encoding = null)
    {
        var at = new SourceLocation(path, 0);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, [new Diagnostic(FindingCodes.UnreadableFile, Severity.Error, at, "The file does not exist.")]);
            }

            if (info.Length > MaxBytes)
            {
                return (null, [new Diagnostic(FindingCodes.TooLarge, Severity.Error, at,
                    $"The file is {info.Length / (1024 * 1024)} MB; verify reads releases up to {MaxBytes / (1024 * 1024)} MB. Is this really a results release?")]);
            }

            return Load(path, File.ReadAllBytes(path), encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [new Diagnostic(FindingCodes.UnreadableFile, Severity.Error, at, $"The file cannot be read: {e.Message}")]);
        }
    }

    public static (SourceDocument? Document, IReadOnlyList<Diagnostic> Problems) Load(string path, ReadOnlySpan<byte> bytes, Encoding? encoding = null)
    {
        var at = new SourceLocation(path, 0);
        if (bytes.Length > MaxBytes)
        {
            return (null, [new Diagnostic(FindingCodes.TooLarge, Severity.Error, at,
                $"The file is {bytes.Length / (1024 * 1024)} MB; verify reads releases up to {MaxBytes / (1024 * 1024)} MB.")]);
        }

        if (TextInput.HasUtf8Mark(bytes))
        {
            bytes = bytes[3..];
            encoding = null; // a byte-order mark says UTF-8, whatever --encoding says
        }

        if (bytes.IsEmpty || bytes.IndexOfAnyExcept(Blank) < 0)
        {
            return (null, [new Diagnostic(FindingCodes.EmptyInput, Severity.Error, at, "The file is empty: there is nothing to verify.")]);
        }

        if (PdfReleaseReader.IsPdf(bytes))
        {
            return PdfReleaseReader.Read(path, bytes.ToArray());
        }

        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.IndexOf((byte)0) >= 0)
        {
            return (null, [new Diagnostic(FindingCodes.BinaryInput, Severity.Error, at,
                "The file is binary (a spreadsheet, an image or an archive?), not a release. Give verify the release as PDF, HTML, Markdown or text.")]);
        }

        if (!TextInput.IsUtf8(encoding))
        {
            // Another encoding, strictly: the first byte not valid in it is named at its line and column.
            var decoded = TextInput.Decode(bytes, path, encoding);
            return decoded.Value is { } decodedText
                ? (Parse(path, decodedText), [])
                : (null, [.. decoded.Diagnostics.Select(d => new Diagnostic(FindingCodes.NotUtf8, Severity.Error, d.Location ?? at, d.Message))]);
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            var bad = FirstInvalid(bytes);
            var line = 1 + bytes[..bad].Count((byte)'\n');
            return (null, [new Diagnostic(FindingCodes.NotUtf8, Severity.Error, new SourceLocation(path, line),
                "The file is not UTF-8 text (perhaps Shift-JIS or Windows-1252). Save it as UTF-8 and run verify again.")]);
        }

        var text = Encoding.UTF8.GetString(bytes);
        return (Parse(path, text), []);
    }

    public static SourceDocument Parse(string path, string text) => Detect(path, text) switch
    {
        ReleaseFormat.Html => HtmlReleaseReader.Read(path, text),
        ReleaseFormat.Markdown => MarkdownReleaseReader.Read(path, text),
        _ => TextReleaseReader.Read(path, text),
    };

    public static ReleaseFormat Detect(string path, string text)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".html" or ".htm")
        {
            return ReleaseFormat.Html;
        }

        if (ext is ".md" or ".markdown")
        {
            return ReleaseFormat.Markdown;
        }

        var start = text.AsSpan(0, Math.Min(text.Length, 2048)).TrimStart();
        return start.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            ? ReleaseFormat.Html
            : ReleaseFormat.Text;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out var used) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += used;
        }

        return at;
    }
}
