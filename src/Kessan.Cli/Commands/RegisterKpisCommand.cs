using System.CommandLine;
using System.Globalization;
using Kessan.Diagnostics;
using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan register-kpis REGISTER --tiers FILE --at 1Q03 --at 2003-03-31</c>: prints the KPIs of Tables 3 and 4.</summary>
public static class RegisterKpisCommand
{
    public static Command Create()
    {
        var register = new Argument<FileInfo>("register") { Description = "The contract register (CSV)." };
        var tiers = new Option<FileInfo?>("--tiers") { Description = "Bandwidth tiers of IP services (YAML); Table 3's tiers when left out." };
        var at = new Option<string[]>("--at") { Description = "A period end: a date (2003-06-30) or a quarter of a March year end (1Q03). Repeat for more.", Required = true, AllowMultipleArgumentsPerToken = true };
        var encoding = EncodingOption.Create("the register");
        var command = new Command("register-kpis", "Count contracts and accounts in force and sum contract bandwidth at period ends (Tables 3 and 4).")
        {
            register, tiers, at, encoding,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var dates = new List<DateOnly>();
            foreach (var text in parse.GetValue(at) ?? [])
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    dates.Add(date);
                }
                else if (FiscalCalendar.MarchYearEnd.TryParseQuarter(text, out var quarter))
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

            var tierFile = parse.GetValue(tiers);
            var tierSet = tierFile is null ? new Result<BandwidthTiers>(BandwidthTiers.Table3, []) : BandwidthTiers.LoadFile(tierFile.FullName);
            if (ProblemReport.Stops("register-kpis", tierSet.Diagnostics, error, failed: tierSet.Value is null) || tierSet.Value is null)
            {
                return ExitCodes.BadInput;
            }

            var result = RegisterKpis.FromFile(parse.GetValue(register)!.ToString(), tierSet.Value, dates, textEncoding);
            if (ProblemReport.Stops("register-kpis", result.Diagnostics, error, failed: result.Value is null) || result.Value is null)
            {
                return ExitCodes.BadInput;
            }

            var ordered = dates.Distinct().Order().ToList();
            output.WriteLine("concept\t" + string.Join("\t", ordered.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            foreach (var concept in RegisterKpis.Concepts(tierSet.Value))
            {
                var values = ordered.Select(d => result.Value.Find(concept, Period.Instant(d))?.Value ?? 0m);
                output.WriteLine(concept + "\t" + string.Join("\t", values.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
