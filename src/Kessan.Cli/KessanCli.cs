using System.CommandLine;
using Kessan.Cli.Commands;

namespace Kessan.Cli;

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run worked and found errors in what it checked (verify).</summary>
    public const int Findings = 1;

    /// <summary>Unusable input, a usage mistake or an output location that cannot be written; nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in Kessan: an unexpected exception, reported in one line (the stack with --verbose).</summary>
    public const int InternalError = 3;
}

/// <summary>The <c>kessan</c> command line. Each subcommand lives in its own file under Commands/.</summary>
public static class KessanCli
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Kessan: build and verify a listed company's quarterly results release.");
        root.Options.Add(new Option<bool>(VerboseOption) { Description = "On an internal error, also print the stack trace.", Recursive = true });
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(SynthRegisterCommand.Create());
        root.Subcommands.Add(RegisterKpisCommand.Create());
        root.Subcommands.Add(RollCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(TrialBalanceCommand.Create());
        root.Subcommands.Add(SynthLedgerCommand.Create());
        root.Subcommands.Add(ConsolidateCommand.Create());
        return root;
    }

    /// <summary>The option that adds the stack trace to an internal error.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>Runs one command line with the given writers; returns the exit code. Tests call this in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["trial-balance", ..])
        {
            // The other processor compiles the journal reader while this one parses the command line.
            Kessan.Ledger.TrialBalanceBuilder.Prepare();
        }

        try
        {
            var results = new StandardOutput(output);
            var code = Invoke(args, results, error);
            results.Flush();
            return code;
        }
        catch (Exception e) when (e is OutputFailedException || e is AggregateException { InnerException: OutputFailedException })
        {
            var inner = e is OutputFailedException ? e : e.InnerException!;
            error.WriteLine($"kessan: the results could not be written to the standard output ({Kessan.Diagnostics.TextInput.Printable(inner.Message)}); what was written there is incomplete.");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            return InternalError(e, args.Contains(VerboseOption), error);
        }
    }

    /// <summary>
    /// An exception that escaped a command is a bug, never the user's mistake: one line saying so, exit code
    /// <see cref="ExitCodes.InternalError"/>, the stack trace only with --verbose.
    /// </summary>
    internal static int InternalError(Exception e, bool verbose, TextWriter error)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e;
        error.WriteLine($"kessan: internal error ({inner.GetType().Name}: {Kessan.Diagnostics.TextInput.Printable(inner.Message)}); please report it with the command line that caused it{(verbose ? "" : " (run again with --verbose for the details)")}.");
        if (verbose)
        {
            error.WriteLine(e.ToString());
        }

        return ExitCodes.InternalError;
    }

    private static int Invoke(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRoot().Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"kessan: {e.Message}");
            }

            error.WriteLine("Run 'kessan --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(config);
    }
}
