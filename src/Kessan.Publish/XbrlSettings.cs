using System.Text.RegularExpressions;
using Kessan.Definitions;
using Kessan.Diagnostics;

namespace Kessan.Publish;

/// <summary>
/// How the release is filed as Inline XBRL, from the optional <c>xbrl.yaml</c> of a release folder: the entity's
/// identifier and its scheme (an LEI, an SEC CIK, an EDINET code), and the prefix and namespace of the extension
/// taxonomy Kessan writes beside the document. Without the file the entity is named after the company.
/// </summary>
public sealed partial record XbrlSettings(string Scheme, string Identifier, string Prefix, string Namespace)
{
    public const string File = "xbrl.yaml";

    /// <summary>The file names of the extension taxonomy: schema, labels, calculations.</summary>
    public string SchemaFile(DateOnly date) => $"{Prefix}-{date:yyyyMMdd}.xsd";

    public static Result<XbrlSettings> Load(ReleaseDefinition definition)
    {
        var diagnostics = new List<Diagnostic>();
        var slug = Slug().Replace(definition.Company.ToLowerInvariant(), "-").Trim('-');
        var date = definition.Current.End;
        var defaults = new XbrlSettings("http://kessan.dev/entity", slug, "ext", $"http://kessan.dev/taxonomy/{slug}/{date:yyyy-MM-dd}");
        var path = Path.Combine(definition.Directory, File);
        if (!System.IO.File.Exists(path))
        {
            return new Result<XbrlSettings>(defaults, diagnostics);
        }

        var yaml = YamlDocument.Load(path, path, diagnostics);
        var root = yaml.Mapping(yaml.Root, File);
        var entity = yaml.Mapping(YamlDocument.Get(root, "entity"), "entity");
        var settings = new XbrlSettings(
            yaml.String(entity, "scheme") ?? defaults.Scheme,
            yaml.String(entity, "identifier") ?? defaults.Identifier,
            yaml.String(root, "prefix") ?? defaults.Prefix,
            yaml.String(root, "namespace") ?? defaults.Namespace);
        return new Result<XbrlSettings>(settings, diagnostics);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
