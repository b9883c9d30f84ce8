using System.CommandLine;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan build DIR --out OUT</c>: computes and renders the release described by DIR.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("definition") { Description = "Folder of the release definition (release.yaml, facts, tables)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write release.txt, release.md and release.html into.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var command = new Command("build", "Compute every total, change, ratio and translation and render the release.") { dir, output };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine("kessan build: not implemented yet");
            return ExitCodes.BadInput;
        });
        return command;
    }
}
