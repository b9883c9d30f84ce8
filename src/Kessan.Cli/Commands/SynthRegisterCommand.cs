using System.CommandLine;
using Kessan.Kpi;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan synth-register --seed N --out FILE</c>: writes a synthetic contract register reproducing the KPIs of a targets file.</summary>
public static class SynthRegisterCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed always writes the same register.", DefaultValueFactory = _ => 2003 };
        var output = new Option<FileInfo>("--out") { Description = "The register file (CSV) to write.", Required = true };
        var targets = new Option<FileInfo>("--targets") { Description = "The KPIs to reproduce: a CSV file 'concept,date,value'.", Required = true };
        var kpisFile = new Option<FileInfo?>("--kpis") { Description = "The KPI file (YAML): the services, their concepts, tiers and synthesis settings; kpis.yaml beside the targets when left out." };
        var perAccount = new Option<bool>("--one-row-per-account") { Description = "Write every account of a service without bandwidth on its own row instead of one row per lot of accounts." };
        var command = new Command("synth-register", "Write a synthetic contract register whose KPIs at the dates of the targets file are the targets.")
        {
            seed, output, targets, kpisFile, perAccount,
        };
        command.SetAction(parse =>
        {
            var outFile = parse.GetValue(output)!;
            var error = parse.InvocationConfiguration.Error;
            var targetsPath = parse.GetValue(targets)!.FullName;
            var kpis = KpiDefinition.LoadFile(parse.GetValue(kpisFile)?.FullName ?? Path.Combine(Path.GetDirectoryName(targetsPath) ?? ".", KpiDefinition.FileName));
            var read = kpis.Value is { } defined ? RegisterTargets.Read(targetsPath, defined) : new(null, kpis.Diagnostics);
            var result = read.Value is { } goals ? RegisterSynthesizer.Generate(parse.GetValue(seed), goals, kpis.Value!) : new(null, read.Diagnostics);
            if (ProblemReport.Stops("synth-register", result.Diagnostics, error, failed: result.Value is null) || result.Value is null)
            {
                return ExitCodes.BadInput;
            }

            long rows = 0;
            if (ProblemReport.OutputFails("synth-register", OutputFolder.WriteFile(outFile.ToString(), w => rows = RegisterSynthesizer.Write(result.Value, w, parse.GetValue(perAccount))), error))
            {
                return ExitCodes.BadInput;
            }

            parse.InvocationConfiguration.Output.WriteLine($"wrote {rows:N0} rows to {outFile.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
