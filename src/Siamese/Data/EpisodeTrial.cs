namespace Siamese.Data;

/// <summary>One replayable one-shot trial: a query image and its candidates, the first of which is the correct one.</summary>
/// <param name="Query">Absolute path of the query image.</param>
/// <param name="Candidates">Absolute paths of the candidates; <c>Candidates[0]</c> shows the query's class.</param>
/// <param name="LineNumber">Line of the episode file (1-based), for messages.</param>
public sealed record EpisodeTrial(string Query, IReadOnlyList<string> Candidates, int LineNumber)
{
    /// <summary>Number of candidates (the N of N-way).</summary>
    public int Way => Candidates.Count;
}
