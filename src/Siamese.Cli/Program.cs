namespace Siamese.Cli;

/// <summary>Entry point of the <c>siamese</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => SiameseApp.Run(args);
}
