using System.CommandLine;
using System.Text;
using Kessan.Diagnostics;

namespace Kessan.Cli;

/// <summary>
/// The <c>--encoding</c> option of every command that reads users' text files: the encoding they are saved in when it is
/// not UTF-8 (shift_jis for a file saved by a Japanese spreadsheet). Decoding stays strict in any encoding.
/// </summary>
internal static class EncodingOption
{
    public static Option<string?> Create(string files) => new("--encoding")
    {
        Description = $"Encoding of {files} when not UTF-8: {TextInput.KnownEncodingNames} (shift_jis for a file saved by a Japanese spreadsheet). A byte not valid in it is reported at its line and column.",
    };

    /// <summary>
    /// The encoding the option names, null for UTF-8; false (the problem written, the command stops with exit code 2)
    /// when the name is not one Kessan reads.
    /// </summary>
    public static bool TryGet(string? name, string command, TextWriter stderr, out Encoding? encoding)
    {
        var named = TextInput.EncodingNamed(name);
        encoding = named.Value is { } e && !TextInput.IsUtf8(e) ? e : null;
        return !ProblemReport.Stops(command, named.Diagnostics, stderr, failed: named.Value is null);
    }
}
