using System.Globalization;
using Kessan.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kessan.Definitions;

/// <summary>
/// Reads a YAML file into nodes that remember their line, so that every problem in a definition file can be reported
/// as <c>file:line</c>. Problems are collected, never thrown.
/// </summary>
internal sealed class YamlDocument
{
    private readonly List<Diagnostic> diagnostics;

    private YamlDocument(string path, YamlNode? root, List<Diagnostic> diagnostics)
    {
        Path = path;
        Root = root;
        this.diagnostics = diagnostics;
    }

    public string Path { get; }

    public YamlNode? Root { get; }

    /// <summary>The file was read and is valid YAML, but holds nothing (blank, or comments only).</summary>
    public bool Empty { get; private init; }

    public static YamlDocument Load(string path, string displayPath, List<Diagnostic> diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingFile, new SourceLocation(displayPath, 0), $"the definition file '{displayPath}' does not exist"));
            return new YamlDocument(displayPath, null, diagnostics);
        }

        var text = TextInput.ReadAllText(path, displayPath);
        if (text.Value is null)
        {
            diagnostics.AddRange(text.Diagnostics);
            return new YamlDocument(displayPath, null, diagnostics);
        }

        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(text.Value);
            stream.Load(reader);
            var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
            return new YamlDocument(displayPath, root, diagnostics) { Empty = root is null };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The YAML reader fails so on some malformed input instead of raising a YamlException ("The current event
            // is of an unsupported type" for a node it cannot place).
            var (line, column) = LastReadable(text.Value);
            diagnostics.Add(TabIndent(text.Value, displayPath)
                ?? Diagnostic.Error(DefinitionCodes.BadYaml, new SourceLocation(displayPath, line, column), "this is not valid YAML: it cannot be read past this point; check the quotes, brackets and indentation here"));
            return new YamlDocument(displayPath, null, diagnostics);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(TabIndent(text.Value, displayPath)
                ?? Diagnostic.Error(DefinitionCodes.BadYaml, new SourceLocation(displayPath, (int)e.Start.Line, (int)e.Start.Column), $"this is not valid YAML: {message}"));
            return new YamlDocument(displayPath, null, diagnostics);
        }
    }

    /// <summary>
    /// The first tab used for indenting, which YAML forbids (its parser reports it at the start of the block, far from
    /// the tab): a problem at the tab's own line and column.
    /// </summary>
    private static Diagnostic? TabIndent(string text, string displayPath)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0 && indent < lines[i].TrimEnd('\r').Length)
            {
                return Diagnostic.Error(DefinitionCodes.BadYaml, new SourceLocation(displayPath, i + 1, tab + 1), "a tab is used for indenting; YAML indents with spaces only: replace the tab with spaces");
            }
        }

        return null;
    }

    /// <summary>Where the YAML reader last read a whole token of <paramref name="text"/>: the place to look for its fault.</summary>
    public static (int Line, int Column) LastReadable(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var (line, column) = (1, 1);
        try
        {
            while (scanner.MoveNext())
            {
                (line, column) = ((int)scanner.Current!.End.Line, (int)scanner.Current.End.Column);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The fault is after the last token read.
        }

        return (line, column);
    }

    public SourceLocation At(YamlNode node) => new(Path, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string code, string message) => diagnostics.Add(Diagnostic.Error(code, At(node), message));

    /// <summary>A problem of the file as a whole (an empty file), reported at its first line.</summary>
    public void FileError(string code, string message) => diagnostics.Add(Diagnostic.Error(code, new SourceLocation(Path, 1), message));

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is YamlMappingNode m)
        {
            return m;
        }

        if (node is not null)
        {
            Error(node, DefinitionCodes.WrongShape, $"{what} should be a set of 'key: value' lines");
        }

        return null;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode? node, string what)
    {
        switch (node)
        {
            case YamlSequenceNode s:
                return s.Children.ToList();
            case null:
                return [];
            default:
                Error(node, DefinitionCodes.WrongShape, $"{what} should be a list ('- ' items)");
                return [];
        }
    }

    public static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public string? String(YamlMappingNode? map, string key, bool required = false, YamlNode? owner = null)
    {
        var node = Get(map, key);
        if (node is YamlScalarNode s)
        {
            return s.Value;
        }

        if (node is not null)
        {
            Error(node, DefinitionCodes.WrongShape, $"'{key}' should be a single value");
        }
        else if (required && (map ?? owner) is { } where)
        {
            Error(where, DefinitionCodes.MissingKey, $"'{key}' is missing");
        }

        return null;
    }

    public decimal? Decimal(YamlMappingNode? map, string key, bool required = false)
    {
        var text = String(map, key, required);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(Get(map, key)!, DefinitionCodes.BadValue, $"'{key}' should be a number, not '{text}'");
        return null;
    }

    public int? Int(YamlMappingNode? map, string key)
    {
        var d = Decimal(map, key);
        if (d is { } v && v != decimal.Truncate(v))
        {
            Error(Get(map, key)!, DefinitionCodes.BadValue, $"'{key}' should be a whole number, not '{v}'");
            return null;
        }

        return d is { } w ? (int)w : null;
    }

    public bool? Bool(YamlMappingNode? map, string key)
    {
        var text = String(map, key);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Error(Get(map, key)!, DefinitionCodes.BadValue, $"'{key}' should be true or false, not '{text}'");
                return null;
        }
    }

    public T? Enum<T>(YamlMappingNode? map, string key, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var text = String(map, key);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        Error(Get(map, key)!, DefinitionCodes.UnknownChoice, $"'{key}' should be one of {string.Join(", ", names.Keys)}, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> Strings(YamlNode? node, string what) =>
        node switch
        {
            null => [],
            YamlScalarNode s => [s.Value ?? ""],
            _ => Sequence(node, what).Select(n => n is YamlScalarNode s ? s.Value ?? "" : Fail(n, what)).ToList(),
        };

    private string Fail(YamlNode node, string what)
    {
        Error(node, DefinitionCodes.WrongShape, $"each item of {what} should be a single value");
        return "";
    }
}
