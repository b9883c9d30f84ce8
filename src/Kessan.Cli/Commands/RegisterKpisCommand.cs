using System.CommandLine;
using System.Globalization;
using Kessan.Diagnostics;
using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Cli.Commands;

/// <summary>
/// <c>kessan register-kpis REGISTER [--kpis FILE] --at 1Q03 --at 2003-03-31</c>: prints the KPIs the KPI file
/// (<c>kpis.yaml</c> beside the register by default) defines, counted from the register at each period end.
/// </summary>
public static class RegisterKpisCommand
{
    public static Command Create()
    {
        var register = new Argument<FileInfo>("register") { Description = "The contract register (CSV)." };
        var kpisFile = new Option<FileInfo?>("--kpis") { Description = "The KPI file (YAML): the register's services, the concepts they are counted in and their bandwidth tiers; kpis.yaml beside the register when left out." };
        var at = new Option<string[]>("--at") { Description = "A period end: a date (2003-06-30) or a fiscal quarter (1Q03) of the calendar of the release.yaml beside the KPI file (December year end without one). Repeat for more.", Required = true, AllowMultipleArgumentsPerToken = true };
        var encoding = EncodingOption.Create("the register");
        var command = new Command("register-kpis", "Count contracts and accounts in force and sum contract bandwidth at period ends, as the KPI file defines them.")
        {
            register, kpisFile, at, encoding,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var registerPath = parse.GetValue(register)!.ToString();
            var kpisPath = parse.GetValue(kpisFile)?.FullName ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(registerPath)) ?? ".", KpiDefinition.FileName);
            var calendar = Calendar(Path.GetDirectoryName(kpisPath));
            var dates = new List<DateOnly>();
            foreach (var text in parse.GetValue(at) ?? [])
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    dates.Add(date);
                }
                else if (calendar.TryParseQuarter(text, out var quarter))
                {
                    dates.Add(quarter.End);
                }
                else
                {
                    error.WriteLine($"kessan register-kpis: '{text}' is neither a date (2003-06-30) nor a quarter (1Q03)");
                    return ExitCodes.BadInput;
                }
            }

            if (!EncodingOption.TryGet(parse.GetValue(encoding), "register-kpis", error, out var textEncoding))
            {
                return ExitCodes.BadInput;
            }

            var kpis = KpiDefinition.LoadFile(kpisPath);
            if (ProblemReport.Stops("register-kpis", kpis.Diagnostics, error, failed: kpis.Value is null) || kpis.Value is null)
            {
                return ExitCodes.BadInput;
            }

            var result = RegisterKpis.FromFile(registerPath, kpis.Value, dates, textEncoding);
            if (ProblemReport.Stops("register-kpis", result.Diagnostics, error, failed: result.Value is null) || result.Value is null)
            {
                return ExitCodes.BadInput;
            }

            var ordered = dates.Distinct().Order().ToList();
            output.WriteLine("concept\t" + string.Join("\t", ordered.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            foreach (var concept in kpis.Value.Concepts)
            {
                var values = ordered.Select(d => result.Value.Find(concept, Period.Instant(d))?.Value ?? 0m);
                output.WriteLine(concept + "\t" + string.Join("\t", values.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The fiscal calendar of the release definition in a folder, or the default calendar (December year end) without one.</summary>
    internal static FiscalCalendar Calendar(string? folder) =>
        folder is not null && File.Exists(Path.Combine(folder, Definitions.DefinitionLoader.ReleaseFile)) && Definitions.DefinitionLoader.Load(folder).Value is { } definition
            ? definition.Calendar
            : new FiscalCalendar(12, FiscalYearNaming.EndYear);
}
