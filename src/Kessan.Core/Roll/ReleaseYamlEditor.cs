using System.Globalization;
using Kessan.Diagnostics;
using Kessan.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kessan.Roll;

/// <summary>
/// Moves release.yaml to new periods by editing the lines that hold them, so its comments and layout stay as the
/// user wrote them: each period role's quarter, and <c>fx.as_of</c>. On a line it edits, the trailing comment's
/// mentions of the old quarter ("# April 1 – June 30, 2003") are moved too.
/// </summary>
public static class ReleaseYamlEditor
{
    /// <summary>What the edit did: the new text, the lines it changed, and the line of the FX rate (0 if none).</summary>
    public sealed record Edited(string Text, IReadOnlySet<int> ChangedLines, int RateLine);

    private sealed record Edit(int Line, int Column, string Old, string New, FiscalQuarter From, FiscalQuarter To);

    public static Result<Edited> Roll(string text, string displayPath, IReadOnlyDictionary<string, (FiscalQuarter Before, FiscalQuarter After)> periods, DateOnly newAsOf)
    {
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException e)
        {
            return new Result<Edited>(null, [Diagnostic.Error(Definitions.DefinitionCodes.BadYaml, new SourceLocation(displayPath, (int)e.Start.Line), $"this is not valid YAML: {e.Message}")]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The YAML reader fails so on some malformed input instead of raising a YamlException ("The current event
            // is of an unsupported type" for a node it cannot place).
            var (line, column) = Definitions.YamlDocument.LastReadable(text);
            return new Result<Edited>(null, [Diagnostic.Error(Definitions.DefinitionCodes.BadYaml, new SourceLocation(displayPath, line, column), "this is not valid YAML: it cannot be read past this point; check the quotes, brackets and indentation here")]);
        }

        var edits = new List<Edit>();
        if (Get(root, "periods") is YamlMappingNode periodMap)
        {
            foreach (var (key, value) in periodMap.Children)
            {
                if (key is YamlScalarNode { Value: { } role } && value is YamlScalarNode { Value: { } old } && periods.TryGetValue(role, out var p))
                {
                    var longForm = old.Trim().Length > 4;
                    var label = longForm ? $"{p.After.Number}Q{p.After.FiscalYear.ToString(CultureInfo.InvariantCulture)}" : p.After.Label;
                    edits.Add(new Edit((int)value.Start.Line, (int)value.Start.Column, old, label, p.Before, p.After));
                }
            }
        }

        var fx = Get(root, "fx") as YamlMappingNode;
        if (Get(fx, "as_of") is YamlScalarNode { Value: { } asOf } asOfNode && periods.TryGetValue("current", out var current))
        {
            edits.Add(new Edit((int)asOfNode.Start.Line, (int)asOfNode.Start.Column, asOf, newAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), current.Before, current.After));
        }

        var rateLine = Get(fx, "rate") is { } rateNode ? (int)rateNode.Start.Line : 0;

        var endsWithNewline = text.EndsWith('\n');
        var lines = (endsWithNewline ? text[..^1] : text).Split('\n');
        foreach (var onLine in edits.GroupBy(e => e.Line))
        {
            var line = lines[onLine.Key - 1];
            var end = 0;
            foreach (var edit in onLine.OrderByDescending(e => e.Column))
            {
                var at = line.IndexOf(edit.Old, edit.Column - 1, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                line = line[..at] + edit.New + line[(at + edit.Old.Length)..];
                end = Math.Max(end, at + edit.New.Length);
            }

            // The comment after a single edited value describes that value: move its dates with it.
            var comment = line.IndexOf(" #", end, StringComparison.Ordinal);
            if (onLine.Count() == 1 && comment >= 0)
            {
                var edit = onLine.Single();
                line = line[..comment] + DateMentions.Shift(line[comment..], edit.From, edit.To);
            }

            lines[onLine.Key - 1] = line;
        }

        var changed = edits.Select(e => e.Line).ToHashSet();
        return Result<Edited>.Ok(new Edited(string.Join('\n', lines) + (endsWithNewline ? "\n" : ""), changed, rateLine));
    }

    private static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
}
