using Spectre.Console;

namespace Siamese.Cli.Output;

/// <summary>Progress bars with ETA for long operations.</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/> under a bar of <paramref name="total"/> units; the work reports (done, description).</summary>
    public static T Run<T>(string title, int total, Func<Action<int, string>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: total);
                long lastUpdate = 0;

                // A terminal redraws the bar in place; a log (CI, a pipe) gets a new line per update, so fewer.
                long interval = AnsiConsole.Profile.Capabilities.Interactive ? 100 : 15_000;
                result = work((done, description) =>
                {
                    long now = Environment.TickCount64;
                    if (now - lastUpdate < interval && done < total)
                    {
                        return;
                    }

                    lastUpdate = now;
                    task.Value = done;
                    task.Description = Markup.Escape(description);
                });
                task.Value = total;
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner.</summary>
    public static T RunIndeterminate<T>(string title, Func<T> work)
    {
        T result = default!;
        AnsiConsole.Status().Start(Markup.Escape(title) + "...", _ => result = work());
        return result;
    }
}
