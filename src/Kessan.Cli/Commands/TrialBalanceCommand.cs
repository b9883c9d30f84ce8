using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kessan.Ledger;
using Kessan.Model;

namespace Kessan.Cli.Commands;

/// <summary><c>kessan trial-balance FILE... --by quarter</c>: balances per entity × account × period from journals and CSV exports.</summary>
public static class TrialBalanceCommand
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Journal files (ledger/hledger syntax) and CSV exports (*.csv).", Arity = ArgumentArity.OneOrMore };
        var by = new Option<string>("--by") { Description = "Period to total by: quarter, month or year.", DefaultValueFactory = _ => "quarter" };
        var yearEnd = new Option<string>("--fiscal-year-end") { Description = "Last month of the fiscal year, as a number or a name (default: March).", DefaultValueFactory = _ => "March" };
        var format = new Option<string>("--format") { Description = "text (a table, periods across) or csv (entity,account,period,amount,currency).", DefaultValueFactory = _ => "text" };
        var entity = new Option<string?>("--entity") { Description = "Entity of every journal and of CSV rows without one (default: each file's name)." };
        var currency = new Option<string>("--currency") { Description = "Currency of amounts written without one.", DefaultValueFactory = _ => "JPY" };
        var columns = new Option<string[]>("--column") { Description = "A CSV column's header, as ROLE=HEADER (roles: date, transaction, entity, account, amount, debit, credit, currency, memo, flow).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<FileInfo?>("--out") { Description = "Write the trial balance to this file instead of the screen (only when the input has no errors)." };
        var jobs = new Option<int>("--jobs") { Description = "Files or parts of files read at once (default: the number of processors).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var stats = new Option<bool>("--stats") { Description = "Also report transactions, postings and speed on the error stream." };
        var encoding = EncodingOption.Create("the journals and CSV files");
        var flows = new Option<bool>("--flows") { Description = "Split balances by flow (a posting's 'flow:' tag, or the CSV flow column); CSV gets a flow column after the account." };
        var command = new Command("trial-balance", "Total journals and CSV ledger exports per entity, account and period; every bad line is reported.")
        {
            files, by, yearEnd, format, entity, currency, columns, output, jobs, stats, flows, encoding,
        };

        command.SetAction(parse =>
        {
            var err = parse.InvocationConfiguration.Error;
            var outWriter = parse.InvocationConfiguration.Output;
            var usage = new List<string>();

            var grouping = parse.GetValue(by)?.Trim().ToLowerInvariant() switch
            {
                "quarter" or "q" => PeriodGrouping.Quarter,
                "month" or "m" => PeriodGrouping.Month,
                "year" or "y" => PeriodGrouping.Year,
                var other => Fail<PeriodGrouping>(usage, $"--by must be quarter, month or year, not '{other}'."),
            };
            var month = ParseMonth(parse.GetValue(yearEnd) ?? "March");
            if (month is null)
            {
                usage.Add($"--fiscal-year-end must be a month (3 or March), not '{parse.GetValue(yearEnd)}'.");
            }

            var fmt = parse.GetValue(format)?.Trim().ToLowerInvariant();
            if (fmt is not ("text" or "csv"))
            {
                usage.Add($"--format must be text or csv, not '{fmt}'.");
            }

            var cols = CsvColumns.Default;
            foreach (var spec in parse.GetValue(columns) ?? [])
            {
                var eq = spec.IndexOf('=', StringComparison.Ordinal);
                var renamed = eq > 0 ? cols.With(spec[..eq], spec[(eq + 1)..]) : null;
                if (renamed is null)
                {
                    usage.Add($"--column takes ROLE=HEADER with a role among date, transaction, entity, account, amount, debit, credit, currency, memo, flow; '{spec}' is not one.");
                }
                else
                {
                    cols = renamed;
                }
            }

            var jobCount = parse.GetValue(jobs);
            if (jobCount < 1)
            {
                usage.Add("--jobs must be at least 1.");
            }

            if (usage.Count > 0)
            {
                foreach (var u in usage)
                {
                    err.WriteLine($"kessan trial-balance: {u}");
                }

                return ExitCodes.BadInput;
            }

            if (!EncodingOption.TryGet(parse.GetValue(encoding), "trial-balance", err, out var textEncoding))
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(output) is { } outFile && ProblemReport.OutputFails("trial-balance", OutputFolder.CheckFile(outFile.ToString()), err))
            {
                return ExitCodes.BadInput;
            }

            var options = new TrialBalanceOptions
            {
                By = grouping,
                Calendar = new FiscalCalendar(month!.Value, FiscalYearNaming.StartYear),
                DefaultCurrency = parse.GetValue(currency) ?? "JPY",
                Columns = cols,
                Parallelism = jobCount,
                Flows = parse.GetValue(flows),
                Encoding = textEncoding,
            };
            var inputs = (parse.GetValue(files) ?? []).Select(f => LedgerInput.For(f, parse.GetValue(entity))).ToList();
            var clock = Stopwatch.StartNew();
            // The bar goes to the error stream whenever it is a terminal, wherever the table goes.
            var interactive = LedgerProgress.IsTerminal(err);
            var result = LedgerProgress.Run(progress => TrialBalanceBuilder.Build(inputs, options, progress), interactive);
            clock.Stop();

            if (ProblemReport.Stops("trial-balance", result.Diagnostics, err, failed: result.Value is null) || result.Value is null)
            {
                return ExitCodes.BadInput;
            }

            var tb = result.Value;
            var target = parse.GetValue(output);
            if (target is not null)
            {
                using var text = new StringWriter();
                Write(tb, fmt!, options.Flows, text);
                if (ProblemReport.OutputFails("trial-balance", OutputFolder.WriteFile(target.ToString(), text.ToString()), err))
                {
                    return ExitCodes.BadInput;
                }
            }
            else
            {
                Write(tb, fmt!, options.Flows, outWriter);
            }

            if (parse.GetValue(stats))
            {
                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tb.Transactions:#,0} transactions, {tb.Postings:#,0} postings, {tb.Bytes / 1e6:0.0} MB in {seconds:0.000} s: {tb.Postings / seconds / 1e6:0.00} million postings/s"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(TrialBalance tb, string format, bool flows, TextWriter writer)
    {
        if (format == "csv")
        {
            TrialBalanceWriter.WriteCsv(tb, writer, flows);
        }
        else
        {
            TrialBalanceWriter.WriteText(tb, writer);
        }
    }

    private static int? ParseMonth(string text)
    {
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n is >= 1 and <= 12 ? n : null;
        }

        for (var i = 0; i < 12; i++)
        {
            if (MonthNames[i].Length > 0 && (string.Equals(MonthNames[i], text, StringComparison.OrdinalIgnoreCase)
                || (text.Length >= 3 && MonthNames[i].StartsWith(text, StringComparison.OrdinalIgnoreCase))))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static T Fail<T>(List<string> usage, string message)
    {
        usage.Add(message);
        return default!;
    }
}
