using System.Text;
using Kessan.Build;
using Kessan.Diagnostics;
using Kessan.Render;

namespace Kessan.Publish;

/// <summary>
/// Every output format of a build, chosen by name (<c>txt,md,html,xlsx,xhtml,pdf</c>), rendered into memory so that the
/// command can write them all or none. rounding.txt goes with every build.
/// </summary>
public static class ReleaseOutputs
{
    public static IReadOnlyList<string> Formats { get; } = ["txt", "md", "html", "xlsx", "xhtml", "pdf"];

    /// <summary>The formats that need nothing outside .NET.</summary>
    public static IReadOnlyList<string> SelfContained { get; } = ["txt", "md", "html", "xlsx", "xhtml"];

    /// <summary>Reads a <c>--format</c> list: names separated by commas; unknown names are problems.</summary>
    public static Result<IReadOnlyList<string>> Parse(string list)
    {
        var diagnostics = new List<Diagnostic>();
        var chosen = new List<string>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()))
        {
            if (!Formats.Contains(name))
            {
                diagnostics.Add(Diagnostic.Error(PublishCodes.UnknownFormat, null, $"'{name}' is not an output format; choose from {string.Join(", ", Formats)}"));
            }
            else if (!chosen.Contains(name))
            {
                chosen.Add(name);
            }
        }

        if (chosen.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(PublishCodes.UnknownFormat, null, $"--format names no format; choose from {string.Join(", ", Formats)}"));
        }

        return new Result<IReadOnlyList<string>>(chosen, diagnostics);
    }

    /// <summary>
    /// The files of the chosen formats. <paramref name="printPdf"/> prints an HTML page to PDF (the browser); it is asked
    /// only when pdf is chosen.
    /// </summary>
    public static Result<IReadOnlyDictionary<string, byte[]>> Render(ReleasePipeline.Output built, IReadOnlyCollection<string> formats, Func<string, Result<byte[]>>? printPdf = null)
    {
        var definition = built.Definition ?? throw new ArgumentException("a built release has its definition", nameof(built));
        var document = built.Document ?? throw new ArgumentException("a built release has its document", nameof(built));
        var diagnostics = new List<Diagnostic>();
        var framed = ReleaseFrameLoader.Load(definition);
        diagnostics.AddRange(framed.Diagnostics);
        var frame = framed.Value ?? ReleaseFrame.Empty;
        diagnostics.AddRange(ReleaseFrameLoader.Check(document, frame));
        var utf8 = new UTF8Encoding(false);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (formats.Contains("txt"))
        {
            files["release.txt"] = utf8.GetBytes(TextRenderer.Render(document, frame));
        }

        if (formats.Contains("md"))
        {
            files["release.md"] = utf8.GetBytes(MarkdownRenderer.Render(document, frame));
        }

        var html = HtmlRenderer.Render(document, new HtmlOptions(definition, Frame: frame));
        if (formats.Contains("html"))
        {
            files["release.html"] = utf8.GetBytes(html);
        }

        if (formats.Contains("xlsx"))
        {
            files["release.xlsx"] = WorkbookWriter.Write(definition, document, built.Facts);
        }

        if (formats.Contains("xhtml"))
        {
            var settings = XbrlSettings.Load(definition);
            diagnostics.AddRange(settings.Diagnostics);
            if (settings.Value is { } loaded)
            {
                foreach (var (name, content) in InlineXbrlWriter.Write(definition, document, loaded, frame))
                {
                    files[name] = utf8.GetBytes(content);
                }
            }
        }

        if (formats.Contains("pdf"))
        {
            if (printPdf is null)
            {
                diagnostics.Add(Diagnostic.Error(PublishCodes.NoBrowser, null, "release.pdf is printed by a Chromium browser and none was found; install chromium (Debian: apt-get install chromium) or set KESSAN_CHROMIUM to its path, or leave pdf out of --format"));
            }
            else
            {
                var pdf = printPdf(html);
                diagnostics.AddRange(pdf.Diagnostics);
                if (pdf.Value is { } bytes)
                {
                    files["release.pdf"] = bytes;
                }
            }
        }

        var adjustments = built.Diagnostics.Where(d => d.Code == RoundingCodes.Adjusted);
        files["rounding.txt"] = utf8.GetBytes(string.Concat(adjustments.Select(a => a.Message + "\n")));
        return new Result<IReadOnlyDictionary<string, byte[]>>(files, diagnostics);
    }
}

/// <summary>Problem codes of the output formats.</summary>
public static class PublishCodes
{
    public const string UnknownFormat = "publish.unknown-format";
    public const string NoBrowser = "publish.no-browser";
    public const string PrintFailed = "publish.print-failed";

}
