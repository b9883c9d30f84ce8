using System.CommandLine;
using Kessan.Kpi;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan synth-register --seed N --out FILE</c>: writes a synthetic contract register reproducing Tables 3 and 4.</summary>
public static class SynthRegisterCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed always writes the same register.", DefaultValueFactory = _ => 2003 };
        var output = new Option<FileInfo>("--out") { Description = "The register file (CSV) to write.", Required = true };
        var perAccount = new Option<bool>("--one-row-per-account") { Description = "Write every dial-up account on its own row (about 700,000 rows) instead of one row per lot of accounts." };
        var command = new Command("synth-register", "Write a synthetic contract register whose KPIs at 2002-06-30, 2003-03-31 and 2003-06-30 are IIJ's Tables 3 and 4 of 1Q03.")
        {
            seed, output, perAccount,
        };
        command.SetAction(parse =>
        {
            var outFile = parse.GetValue(output)!;
            var result = RegisterSynthesizer.WriteFile(parse.GetValue(seed), outFile.FullName, parse.GetValue(perAccount));
            foreach (var d in result.Diagnostics)
            {
                parse.InvocationConfiguration.Error.WriteLine(d.ToString());
            }

            if (result.HasErrors)
            {
                return ExitCodes.BadInput;
            }

            parse.InvocationConfiguration.Output.WriteLine($"wrote {result.Value:N0} rows to {outFile.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
