using Siamese.Data;
using Siamese.Distances;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Scores replayed one-shot trials (<see cref="EpisodeFile"/>): a trial is correct only when its correct candidate is
/// strictly nearer the query than every other candidate; a tie counts as an error. Pure: it takes the embeddings of
/// the images by path and writes nothing.
/// </summary>
public static class EpisodeFileEvaluator
{
    /// <summary>Scores the trials of one file.</summary>
    /// <param name="file">The file's name, for the report.</param>
    /// <param name="trials">The trials.</param>
    /// <param name="embeddings">Embeddings (N, D) of the images.</param>
    /// <param name="rowOf">Row of <paramref name="embeddings"/> for each image path of the trials.</param>
    /// <param name="distance">The model's distance.</param>
    /// <exception cref="ArgumentException">A path of a trial has no row.</exception>
    public static EpisodeFileReport Evaluate(string file, IReadOnlyList<EpisodeTrial> trials, Tensor embeddings, IReadOnlyDictionary<string, int> rowOf, IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(rowOf);
        ArgumentNullException.ThrowIfNull(distance);
        int correct = 0;
        using (no_grad())
        {
            foreach (var trial in trials)
            {
                if (IsCorrect(trial, embeddings, rowOf, distance))
                {
                    correct++;
                }
            }
        }

        return new EpisodeFileReport(file, trials.Count, correct, trials.Select(t => t.Way).Distinct().Order().ToArray());
    }

    /// <summary>Whether the trial's correct candidate is strictly the nearest to its query.</summary>
    public static bool IsCorrect(EpisodeTrial trial, Tensor embeddings, IReadOnlyDictionary<string, int> rowOf, IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(trial);
        using var scope = NewDisposeScope();
        var query = embeddings.index_select(0, tensor(new long[] { Row(trial.Query) }));
        var candidates = embeddings.index_select(0, tensor(trial.Candidates.Select(c => (long)Row(c)).ToArray()));
        var scores = distance.Matrix(query, candidates).reshape(-1).to(ScalarType.Float64).data<double>().ToArray();
        double own = scores[0];
        for (int i = 1; i < scores.Length; i++)
        {
            bool asClose = distance.LargerIsCloser ? scores[i] >= own : scores[i] <= own;
            if (asClose || double.IsNaN(scores[i]))
            {
                return false;
            }
        }

        return !double.IsNaN(own);

        int Row(string path) => rowOf.TryGetValue(path, out int row)
            ? row
            : throw new ArgumentException($"no embedding for {path} (line {trial.LineNumber})");
    }
}
