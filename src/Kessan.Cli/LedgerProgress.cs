using Kessan.Ledger;
using Spectre.Console;

namespace Kessan.Cli;

/// <summary>
/// Runs work that reads ledgers in the background; on a terminal, shows a progress bar (on the error stream) once
/// reading has taken more than a second. Never when the error stream is redirected, so logs and tests see only text.
/// </summary>
internal static class LedgerProgress
{
    /// <summary>Whether <paramref name="stderr"/> is a terminal a progress bar may be drawn on.</summary>
    public static bool IsTerminal(TextWriter stderr) => ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

    public static T Run<T>(Func<ReadProgress?, T> work, bool interactive, string label = "Reading ledgers")
    {
        if (!interactive)
        {
            return work(null);
        }

        var progress = new ReadProgress();
        var task = Task.Run(() => work(progress));
        if (task.Wait(TimeSpan.FromSeconds(1)))
        {
            return task.Result;
        }

        Show(task, progress, label);
        return task.Result;
    }

    /// <summary>Kept apart so that Spectre.Console is loaded only when a progress bar is shown.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Show(Task work, ReadProgress progress, string label)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(label, maxValue: Math.Max(1, progress.TotalBytes));
                while (!work.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    bar.MaxValue = Math.Max(1, progress.TotalBytes);
                    bar.Value = Math.Min(progress.BytesRead, bar.MaxValue);
                }

                bar.Value = bar.MaxValue;
            });
    }
}
