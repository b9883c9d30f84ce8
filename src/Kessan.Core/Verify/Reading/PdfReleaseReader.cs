using System.Globalization;
using System.Text;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Kessan.Verify.Reading;

/// <summary>
/// Reads a release published as PDF (a results release printed from Word or a browser, a 決算短信 from TDnet): the
/// words of each page, with where they sit, are laid out again as lines of text, each word at the column its position
/// on the page gives (figures by their right edge, words by their left), so that the tables keep their columns
/// aligned with spaces and <see cref="TextReleaseReader"/> reads them as it reads a text exhibit. Findings are located by
/// page and line on that page. Pages with no text (scanned images) are counted and reported, not guessed at.
/// </summary>
public static class PdfReleaseReader
{
    /// <summary>Whether the bytes are a PDF: <c>%PDF-</c> within the first kilobyte, as readers accept it.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>The release in the PDF, or why it cannot be read (protected, damaged, only images).</summary>
    public static (SourceDocument? Document, IReadOnlyList<Diagnostic> Problems) Read(string path, byte[] bytes)
    {
        var at = new SourceLocation(path, 0);
        List<PageWords> read;
        try
        {
            read = Words(bytes);
        }
        catch (PdfDocumentEncryptedException)
        {
            return (null, [new Diagnostic(FindingCodes.UnreadablePdf, Severity.Error, at,
                "The PDF is protected with a password, so its text cannot be read. Give verify a copy without the protection, or the release as HTML or text.")]);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // The PDF parser's own exceptions (PdfDocumentFormatException and others) for a file it cannot make sense of.
            return (null, [new Diagnostic(FindingCodes.UnreadablePdf, Severity.Error, at,
                $"The PDF cannot be read ({FirstLine(e.Message)}): it may be damaged or cut short. Save or download it again, or give verify the release as HTML or text.")]);
        }

        // Laid out outside the parser's try: a fault here is Kessan's, and is not passed off as a damaged file.
        var pages = read.Select(p => (Lines: Layout(p.Words), p.Scanned)).ToList();
        var scanned = pages.Count(p => p.Scanned);
        if (pages.All(p => p.Lines.Count == 0))
        {
            return (null, [new Diagnostic(FindingCodes.PdfWithoutText, Severity.Error, at, scanned > 0
                ? $"The PDF's {Pages(pages.Count)} hold no text, only pictures of pages (a scanned copy?), so there is nothing to read. Give verify the PDF as the company published it, or the release as HTML or text."
                : $"The PDF's {Pages(pages.Count)} hold no text, so there is nothing to read.")]);
        }

        var text = new StringBuilder();
        var starts = new List<int>();
        var line = 1;
        foreach (var page in pages)
        {
            starts.Add(line);
            foreach (var l in page.Lines)
            {
                text.Append(l).Append('\n');
                line++;
            }

            // A blank line between pages: a table does not run on into the next page's heading.
            text.Append('\n');
            line++;
        }

        var doc = TextReleaseReader.Read(path, text.ToString()) with { PageStarts = starts };
        IReadOnlyList<Diagnostic> problems = scanned == 0
            ? []
            : [new Diagnostic(FindingCodes.PdfPagesWithoutText, Severity.Warning, at,
                $"{Pages(scanned)} of {pages.Count} {(scanned == 1 ? "is a picture" : "are pictures")} of a page with no text (scanned?): {(scanned == 1 ? "its" : "their")} figures were not read or checked.")];
        return (doc, problems);
    }

    private static string Pages(int n) => n == 1 ? "1 page" : $"{n.ToString("#,0", CultureInfo.InvariantCulture)} pages";

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? message : message[..end];
        return first.Length > 200 ? first[..200] + "…" : first;
    }

    /// <summary>Each page's words as the PDF places them, and whether the page is a picture (no words, images over half of it).</summary>
    private static List<PageWords> Words(byte[] bytes)
    {
        var result = new List<PageWords>();
        using var pdf = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords()
                .Where(w => !string.IsNullOrWhiteSpace(w.Text) && w.TextOrientation is TextOrientation.Horizontal)
                .Select(PlacedWord.Of)
                .Where(w => w.Text.Length > 0 && w.OnAPage)
                .ToList();
            result.Add(new PageWords(words, words.Count == 0 && IsScanned(page)));
        }

        return result;
    }

    private sealed record PageWords(List<PlacedWord> Words, bool Scanned);

    /// <summary>Whether images cover half the page or more: a scanned page, or a table printed as a picture.</summary>
    private static bool IsScanned(Page page)
    {
        var area = page.Width * page.Height;
        return area > 0 && page.GetImages().Sum(i => Math.Abs(i.BoundingBox.Width * i.BoundingBox.Height)) >= area / 2;
    }

    /// <summary>A word as placed on the page: its text, left and right edge, baseline and size (points).</summary>
    internal readonly record struct PlacedWord(string Text, double Left, double Right, double Baseline, double Size)
    {
        /// <summary>Where a page can put it: finite, within the largest page a PDF allows (200 inches), and upright.</summary>
        public bool OnAPage => Math.Abs(Left) <= MaxPoints && Math.Abs(Right) <= MaxPoints && Right >= Left
            && Math.Abs(Baseline) <= MaxPoints && Size is > 0 and <= MaxPoints;

        private const double MaxPoints = 14_400;

        public static PlacedWord Of(Word w)
        {
            var size = w.Letters.Count == 0 ? w.BoundingBox.Height : w.Letters.Max(l => l.PointSize);
            if (size <= 0)
            {
                size = Math.Max(1, w.BoundingBox.Height);
            }

            var baseline = w.Letters.Count == 0 ? w.BoundingBox.Bottom : w.Letters[0].StartBaseLine.Y;
            return new PlacedWord(Clean(w.Text), w.BoundingBox.Left, w.BoundingBox.Right, baseline, size);
        }

        /// <summary>Ligatures as letters ("ﬁ" → "fi") and no-break spaces as spaces: the words as typed.</summary>
        private static string Clean(string text)
        {
            if (text.AsSpan().IndexOfAnyInRange('\uFB00', '\uFB06') < 0)
            {
                return text.Replace('\u00A0', ' ').Trim();
            }

            return text.Replace("\uFB00", "ff").Replace("\uFB01", "fi").Replace("\uFB02", "fl").Replace("\uFB03", "ffi")
                .Replace("\uFB04", "ffl").Replace("\uFB05", "st").Replace("\uFB06", "st").Replace('\u00A0', ' ').Trim();
        }
    }

    /// <summary>
    /// The page's words as lines of text. Words on one baseline (within a third of their size) make a line; on a line,
    /// words closer than half their size are one run, joined by a space (a sentence, a label). Each run then stands at
    /// the column of its place on the page — a run ending in a figure by its right edge, so that a column of figures
    /// stays right-aligned whatever the widths of its digits and commas, words by their left edge — through one mapping
    /// of the page's width to columns (<see cref="Columns"/>): the same place is the same column on every line, and a
    /// run is never pushed into the one after it.
    /// </summary>
    internal static List<string> Layout(IReadOnlyList<PlacedWord> words)
    {
        var lines = new List<string>();
        if (words.Count == 0)
        {
            return lines;
        }

        var rows = Hyphenated(MiddleAligned(Rows(words)).Select(Runs).ToList());
        var column = Columns(rows, Unit(words));
        foreach (var row in rows)
        {
            var text = new StringBuilder();
            foreach (var run in row)
            {
                var at = ByRight(run) ? column(run.Right) - run.Text.Length : column(run.Left);
                var min = text.Length == 0 ? 0 : text.Length + Gap;
                text.Append(' ', Math.Clamp(at, min, Math.Max(min, MaxColumn)) - text.Length).Append(run.Text);
            }

            lines.Add(text.ToString());
        }

        return lines;
    }

    /// <summary>The widest a line is laid out (a page of 200 inches in 6-point digits is under 5,000 columns).</summary>
    private const int MaxColumn = 5_000;

    /// <summary>The fewest spaces between two runs of a line: three, what sets a table's figures apart from its label in text.</summary>
    private const int Gap = 3;

    /// <summary>A run ending in a figure is placed by its right edge, other runs by their left.</summary>
    private static bool ByRight(PlacedWord run) => Figure(LastWord(run.Text));

    /// <summary>
    /// The column of each place across the page: places are taken left to right, each a digit's width further than
    /// the one before, and further where a run must fit — its text between its edges when a run follows it on its line,
    /// <see cref="Gap"/> spaces between it and that run. Places within half a point are one place.
    /// </summary>
    private static Func<double, int> Columns(List<List<PlacedWord>> rows, double unit)
    {
        static double Snap(double x) => Math.Round(x * 2) / 2;

        // What each place must be at least: the column a run ends at (its start and its text), plus the gap.
        var needs = new Dictionary<double, List<(double From, int Chars)>>();
        void Need(double at, double from, int chars)
        {
            at = Snap(at);
            if (!needs.TryGetValue(at, out var list))
            {
                needs[at] = list = [];
            }

            list.Add((Snap(from), chars));
        }

        var places = new SortedSet<double>();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                places.Add(Snap(row[i].Left));
                places.Add(Snap(row[i].Right));
                if (i == 0)
                {
                    continue;
                }

                // The run before ends at its place (a figure's right edge) or at its start plus its text.
                var before = row[i - 1];
                var (from, chars) = ByRight(before) ? (before.Right, Gap) : (before.Left, before.Text.Length + Gap);
                var run = row[i];
                if (ByRight(run))
                {
                    Need(run.Right, from, chars + run.Text.Length);
                }
                else
                {
                    Need(run.Left, from, chars);
                }
            }
        }

        var columns = new Dictionary<double, double>();
        double? last = null;
        foreach (var x in places)
        {
            var c = last is { } p ? columns[p] + ((x - p) / unit) : 0;
            if (needs.TryGetValue(x, out var list))
            {
                foreach (var (from, chars) in list)
                {
                    // A run starts after the one before it ends; two places that round to one are this place.
                    c = Math.Max(c, (columns.TryGetValue(from, out var before) ? before : c) + chars);
                }
            }

            columns[x] = c;
            last = x;
        }

        return x => (int)Math.Round(columns[Snap(x)]);
    }

    /// <summary>
    /// A label of two lines with its figures on a line between them (a cell aligned to the middle): the label's lines
    /// made one line with the figures, as a table cell holds them.
    /// </summary>
    private static List<List<PlacedWord>> MiddleAligned(List<List<PlacedWord>> rows)
    {
        var result = new List<List<PlacedWord>>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i + 2 < rows.Count && IsLabel(rows[i]) && IsLabel(rows[i + 2]) && rows[i + 1].All(w => Figure(w.Text))
                && rows[i + 1][0].Left > rows[i][^1].Right && rows[i + 1][0].Left > rows[i + 2][^1].Right
                && Math.Abs(rows[i][0].Left - rows[i + 2][0].Left) <= rows[i][0].Size
                && rows[i][0].Baseline - rows[i + 2][0].Baseline <= 2.5 * rows[i][0].Size)
            {
                // One label of both lines' words, over the width of the cell they fill; the figures stay where they are.
                var first = rows[i][0];
                var label = new PlacedWord(
                    Joined(string.Join(' ', rows[i].Select(w => w.Text)), string.Join(' ', rows[i + 2].Select(w => w.Text))),
                    first.Left,
                    Math.Max(rows[i][^1].Right, rows[i + 2][^1].Right),
                    first.Baseline,
                    first.Size);
                result.Add([label, .. rows[i + 1]]);
                i += 2;
                continue;
            }

            result.Add(rows[i]);
        }

        return result;

        static bool IsLabel(List<PlacedWord> row) => row.Count > 0 && !row.Any(w => Figure(w.Text));
    }

    /// <summary>
    /// A label wrapped after a hyphen ("Connectivity and value-" over "added services:"): the two lines as one, the
    /// word whole again, when the second line is words alone starting in lower case where the first starts.
    /// </summary>
    private static List<List<PlacedWord>> Hyphenated(List<List<PlacedWord>> rows)
    {
        var result = new List<List<PlacedWord>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            while (i + 1 < rows.Count && row.Count == 1 && rows[i + 1].Count == 1 && row[0].Text.EndsWith('-') && row[0].Text.Length > 1
                && char.IsLower(rows[i + 1][0].Text[0]) && Math.Abs(row[0].Left - rows[i + 1][0].Left) <= row[0].Size
                && row[0].Baseline - rows[i + 1][0].Baseline <= 1.6 * row[0].Size)
            {
                var next = rows[i + 1][0];
                row = [row[0] with { Text = Joined(row[0].Text, next.Text), Right = Math.Max(row[0].Right, next.Right) }];
                i++;
            }

            result.Add(row);
        }

        return result;
    }

    /// <summary>Two lines of one label: a word broken after its hyphen is whole again ("value-" and "added": "value-added").</summary>
    private static string Joined(string first, string second) => first.EndsWith('-') ? first + second : first + " " + second;

    private static string LastWord(string run)
    {
        var space = run.LastIndexOf(' ');
        return space < 0 ? run : run[(space + 1)..];
    }

    /// <summary>The width that one character of the text stands for: the median width of a digit (figures are set in equal widths), else half the median size.</summary>
    private static double Unit(IReadOnlyList<PlacedWord> words)
    {
        var digits = new List<double>();
        foreach (var w in words)
        {
            // A word of digits alone (a year, a plain figure) gives its width per digit.
            if (w.Text.Length > 0 && w.Text.All(char.IsAsciiDigit) && w.Right > w.Left)
            {
                digits.Add((w.Right - w.Left) / w.Text.Length);
            }
        }

        if (digits.Count >= 3)
        {
            return Math.Max(0.5, Median(digits));
        }

        return Math.Max(0.5, Median(words.Select(w => w.Size).ToList()) / 2);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>The words grouped into lines by baseline, top of the page first, each line left to right.</summary>
    private static List<List<PlacedWord>> Rows(IReadOnlyList<PlacedWord> words)
    {
        var rows = new List<List<PlacedWord>>();
        var baselines = new List<double>();
        foreach (var w in words.OrderByDescending(w => w.Baseline).ThenBy(w => w.Left))
        {
            // The line whose baseline is nearest, within a third of the word's size (a footnote mark a little raised stays on its line).
            var best = -1;
            var distance = double.MaxValue;
            for (var i = Math.Max(0, rows.Count - 3); i < rows.Count; i++)
            {
                var d = Math.Abs(baselines[i] - w.Baseline);
                if (d <= w.Size / 3 && d < distance)
                {
                    best = i;
                    distance = d;
                }
            }

            if (best < 0)
            {
                rows.Add([w]);
                baselines.Add(w.Baseline);
            }
            else
            {
                rows[best].Add(w);
            }
        }

        foreach (var row in rows)
        {
            row.Sort((a, b) => a.Left.CompareTo(b.Left));
        }

        return rows;
    }

    /// <summary>A line's words joined into runs: words closer than half their size belong together.</summary>
    private static List<PlacedWord> Runs(List<PlacedWord> row)
    {
        var runs = new List<PlacedWord>();
        foreach (var w in row)
        {
            if (runs.Count > 0)
            {
                var last = runs[^1];
                var gap = w.Left - last.Right;
                if (gap < Math.Max(last.Size, w.Size) / 2)
                {
                    // Touching (a ")" or "%" set in a cell of its own right after its figure): one word.
                    var joint = gap < Math.Max(last.Size, w.Size) / 10 ? "" : " ";
                    runs[^1] = last with { Text = last.Text + joint + w.Text, Right = Math.Max(last.Right, w.Right) };
                    continue;
                }
            }

            runs.Add(w);
        }

        return runs;
    }

    /// <summary>A figure as a table prints it: digits with their separators, sign, parentheses, currency or % ("(1,234)", "$12.5", "-3.4%"), or a dash for nothing.</summary>
    internal static bool Figure(string s)
    {
        if (s is "-" or "—" or "–" or "－" or "―")
        {
            return true;
        }

        var digits = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (',' or '.' or '(' or ')' or '-' or '−' or '△' or '▲' or '%' or '$' or '¥' or '€' or '£' or '+' or '*'))
            {
                return false;
            }
        }

        return digits > 0;
    }
}
