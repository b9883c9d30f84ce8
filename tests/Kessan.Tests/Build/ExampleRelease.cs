using Kessan.Build;
using Kessan.Render;

namespace Kessan.Tests.Build;

/// <summary>The bundled example, built once for all tests.</summary>
internal static class ExampleRelease
{
    private static readonly Lazy<ReleasePipeline.Output> Built = new(() => ReleasePipeline.Run(Repo.Example));

    public static ReleasePipeline.Output Output => Built.Value;

    public static string Text => TextRenderer.Render(Output.Document!);

    /// <summary>A built release in the format a file name says: release.txt, release.md or release.html.</summary>
    public static string Render(ReleaseDocument document, string name) => name switch
    {
        "release.txt" => TextRenderer.Render(document),
        "release.md" => MarkdownRenderer.Render(document),
        _ => HtmlRenderer.Render(document),
    };
}
