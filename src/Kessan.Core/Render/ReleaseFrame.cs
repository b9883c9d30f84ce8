using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Definitions;
using Kessan.Diagnostics;

namespace Kessan.Render;

/// <summary>
/// What turns the tables and narrative into a press release, read from the optional <c>document.yaml</c> of a release
/// folder: the masthead (release timing, contacts), headline and sub-headline, dateline, the running header of the
/// printed pages and the footnotes the document's markers (¹, ², …) point at. Authored passages (overview, outlook,
/// company information, the forward-looking-statements notice) are Markdown files listed under <c>contents</c> in
/// release.yaml, like the narrative.
/// </summary>
public sealed record ReleaseFrame(
    IReadOnlyList<string> Masthead,
    IReadOnlyList<string> Contacts,
    string? Headline,
    string? Subheadline,
    string? Dateline,
    string? RunningHeader,
    IReadOnlyList<Footnote> Footnotes)
{
    public const string File = "document.yaml";

    public static ReleaseFrame Empty { get; } = new([], [], null, null, null, null, []);
}

/// <summary>A footnote: its marker (¹) and its text, which may hold placeholders and links to blocks (<c>[text](#id)</c>).</summary>
public sealed record Footnote(string Marker, string Text, Kessan.Diagnostics.SourceLocation? Source = null);

/// <summary>Reads <c>document.yaml</c> and checks the whole document: footnotes against markers, links against blocks.</summary>
public static partial class ReleaseFrameLoader
{
    public static Result<ReleaseFrame> Load(ReleaseDefinition definition)
    {
        var diagnostics = new List<Diagnostic>();
        var path = Path.Combine(definition.Directory, ReleaseFrame.File);
        if (!System.IO.File.Exists(path))
        {
            return new Result<ReleaseFrame>(ReleaseFrame.Empty, diagnostics);
        }

        var yaml = YamlDocument.Load(path, path, diagnostics);
        var root = yaml.Mapping(yaml.Root, ReleaseFrame.File);
        string? Text(string key) => yaml.String(root, key) is { } s ? Placeholders.Expand(s.Trim(), definition) : null;
        IReadOnlyList<string> Lines(string key) => yaml.Strings(YamlDocument.Get(root, key), key).Select(s => Placeholders.Expand(s, definition)).ToList();
        var footnotes = new List<Footnote>();
        if (yaml.Mapping(YamlDocument.Get(root, "footnotes"), "footnotes") is { } notes)
        {
            foreach (var (key, value) in notes.Children)
            {
                var marker = Superscript(key.ToString());
                footnotes.Add(new Footnote(marker, Placeholders.Expand(value.ToString().Trim(), definition), yaml.At(key)));
            }
        }

        var frame = new ReleaseFrame(Lines("masthead"), Lines("contacts"), Text("headline"), Text("subheadline"), Text("dateline"), Text("running_header"), footnotes);
        return new Result<ReleaseFrame>(frame, diagnostics);
    }

    /// <summary>"12" as the superscript marker ¹²; a marker already in superscript stays as it is.</summary>
    public static string Superscript(string number) =>
        string.Concat(number.Trim().Select(c => c is >= '0' and <= '9' ? "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0'] : c));

    /// <summary>
    /// Every footnote marker must have its note and every note its marker: a marker is a run of superscript digits in
    /// a passage, a table's title, header or row label; a note is a document.yaml footnote, or a table note or passage
    /// paragraph that starts with the marker. A table's "⁽¹⁾" is answered by its own "Note (1):". Every link
    /// <c>[text](#id)</c> must name a table or passage of the release.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(ReleaseDocument document, ReleaseFrame frame)
    {
        var diagnostics = new List<Diagnostic>();
        var markers = new List<(string Marker, string Where)>();
        var notes = frame.Footnotes.Select(f => (f.Marker, Where: $"{ReleaseFrame.File}", Source: f.Source)).ToList();
        var links = new List<(string Id, string Where)>();
        void Scan(string text, string where)
        {
            foreach (Match m in Marker().Matches(text))
            {
                markers.Add((m.Value, where));
            }

            foreach (Match m in Link().Matches(text))
            {
                links.Add((m.Groups["id"].Value, where));
            }
        }

        foreach (var block in document.Blocks)
        {
            if (block is RenderedText text)
            {
                foreach (var paragraph in text.Paragraphs)
                {
                    if (LeadingMarker().Match(paragraph) is { Success: true } lead)
                    {
                        notes.Add((lead.Groups["marker"].Value, $"passage '{text.Id}'", null));
                        Scan(paragraph[lead.Length..], $"passage '{text.Id}'");
                    }
                    else
                    {
                        Scan(paragraph, $"passage '{text.Id}'");
                    }
                }

                continue;
            }

            var table = (RenderedTable)block;
            var where = $"table '{table.Id}'";
            var own = table.Notes.Select(n => NumberedNote().Match(n)).Where(m => m.Success).Select(m => m.Groups["n"].Value).ToHashSet();
            foreach (var line in table.Title.Concat(table.Header.SelectMany(h => h)).Concat(table.Rows.Select(r => r.Label)))
            {
                foreach (Match m in TableMarker().Matches(line))
                {
                    if (!own.Contains(Plain(m.Groups["n"].Value)))
                    {
                        diagnostics.Add(Diagnostic.Error(PublishCodesCore.MissingNote, null, $"{where}: the marker {m.Value} has no note 'Note ({Plain(m.Groups["n"].Value)}): …' under the table"));
                    }
                }

                Scan(TableMarker().Replace(line, ""), where);
            }

            foreach (var note in table.Notes)
            {
                if (LeadingMarker().Match(note) is { Success: true } lead)
                {
                    notes.Add((lead.Groups["marker"].Value, where, null));
                    Scan(note[lead.Length..], where);
                }
                else
                {
                    Scan(note, where);
                }
            }
        }

        foreach (var f in frame.Footnotes)
        {
            Scan(f.Text, ReleaseFrame.File);
        }

        foreach (var (marker, where) in markers.DistinctBy(m => m.Marker))
        {
            if (!notes.Any(n => n.Marker == marker))
            {
                diagnostics.Add(Diagnostic.Error(PublishCodesCore.MissingNote, null, $"{where}: the footnote marker {marker} has no note; add it under 'footnotes' in {ReleaseFrame.File}"));
            }
        }

        foreach (var (marker, where, source) in notes)
        {
            if (!markers.Any(m => m.Marker == marker))
            {
                diagnostics.Add(Diagnostic.Error(PublishCodesCore.MissingNote, source, $"{where}: the footnote {marker} is not marked anywhere in the release; mark the text it explains with {marker} or remove the note"));
            }
        }

        var ids = document.Blocks.Select(b => b is RenderedTable t ? t.Id : ((RenderedText)b).Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, where) in links.Where(l => !ids.Contains(l.Id)).DistinctBy(l => l.Id))
        {
            diagnostics.Add(Diagnostic.Error(PublishCodesCore.UnresolvedReference, null, $"{where}: the link to '#{id}' names no table or passage of the release; use one of {string.Join(", ", ids.Order(StringComparer.Ordinal))}"));
        }

        return diagnostics;
    }

    /// <summary>The footnotes to print after each block: a note follows the block where its marker first appears.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Footnote>> Placement(ReleaseDocument document, ReleaseFrame frame)
    {
        var placed = new Dictionary<string, IReadOnlyList<Footnote>>(StringComparer.Ordinal);
        var left = frame.Footnotes.ToList();
        foreach (var block in document.Blocks)
        {
            var (id, text) = block is RenderedTable t
                ? (t.Id, string.Join("\n", t.Title.Concat(t.Header.SelectMany(h => h)).Concat(t.Rows.Select(r => r.Label)).Concat(t.Notes)))
                : (((RenderedText)block).Id, string.Join("\n", ((RenderedText)block).Paragraphs));
            var here = left.Where(f => Marker().Matches(text).Any(m => m.Value == f.Marker)).ToList();
            if (here.Count > 0)
            {
                placed[id] = here;
                left.RemoveAll(here.Contains);
            }
        }

        return placed;
    }

    /// <summary>
    /// The title a link to a block reads as in plain text: a table's "Table 9. …" line or a passage's first heading; none
    /// for a passage without a heading.
    /// </summary>
    public static string? TitleOf(ReleaseDocument document, string id) => document.Blocks.FirstOrDefault(b => b is RenderedTable t ? t.Id == id : ((RenderedText)b).Id == id) switch
    {
        RenderedTable t => (t.Title.FirstOrDefault(l => l.StartsWith("Table", StringComparison.Ordinal)) ?? t.Title.FirstOrDefault(l => l.Trim().Length > 0))?.Trim(),
        RenderedText x => x.Paragraphs.FirstOrDefault(p => p.StartsWith("## ", StringComparison.Ordinal))?[3..].Trim(),
        _ => null,
    };

    [GeneratedRegex("(?<![⁽⁰¹²³⁴⁵⁶⁷⁸⁹])[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?![⁾⁰¹²³⁴⁵⁶⁷⁸⁹])")]
    public static partial Regex Marker();

    [GeneratedRegex("^(?<marker>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\\s")]
    private static partial Regex LeadingMarker();

    /// <summary>A table's own marker, ⁽¹⁾, answered by its note "Note (1): …".</summary>
    [GeneratedRegex("⁽(?<n>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾")]
    private static partial Regex TableMarker();

    [GeneratedRegex(@"^Note \((?<n>[0-9]+)\)")]
    private static partial Regex NumberedNote();

    /// <summary>A link to a block of the release: <c>[the reconciliation](#09-adjusted-ebitda)</c>.</summary>
    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\(#(?<id>[A-Za-z0-9_.-]+)\)")]
    public static partial Regex Link();

    private static string Plain(string superscript) => string.Concat(superscript.Select(c => (char)('0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".IndexOf(c, StringComparison.Ordinal))));
}

/// <summary>Problem codes of the whole document (the publish area; docs/errors.md lists them).</summary>
public static class PublishCodesCore
{
    public const string MissingNote = "publish.missing-note";
    public const string UnresolvedReference = "publish.unresolved-reference";
}
