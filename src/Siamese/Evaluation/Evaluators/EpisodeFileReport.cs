namespace Siamese.Evaluation.Evaluators;

/// <summary>Accuracy of the replayed trials of one episode file.</summary>
/// <param name="File">The episode file.</param>
/// <param name="Trials">Trials in the file.</param>
/// <param name="Correct">Trials whose correct candidate was strictly the nearest.</param>
/// <param name="Ways">The distinct numbers of candidates per trial, ascending (one value for a uniform file).</param>
public sealed record EpisodeFileReport(string File, int Trials, int Correct, IReadOnlyList<int> Ways)
{
    /// <summary>Correct / Trials.</summary>
    public double Accuracy => Trials == 0 ? double.NaN : Correct / (double)Trials;
}
