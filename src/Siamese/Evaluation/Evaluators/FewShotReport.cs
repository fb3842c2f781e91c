namespace Siamese.Evaluation.Evaluators;

/// <summary>N-way K-shot accuracy over many episodes, with its 95% confidence interval.</summary>
/// <param name="Way">Classes per episode (N).</param>
/// <param name="Shots">Support examples per class (K).</param>
/// <param name="QueriesPerClass">Queries per class and episode.</param>
/// <param name="Episodes">Episodes drawn.</param>
/// <param name="Accuracy">Mean over episodes of the share of queries assigned to their own class.</param>
/// <param name="ConfidenceInterval95">Half-width of the normal 95% interval of <paramref name="Accuracy"/>: 1.96 · sd / √episodes.</param>
/// <param name="Chance">Accuracy of guessing: 1 / N.</param>
/// <param name="Classes">Number of distinct classes the episodes were drawn from.</param>
public sealed record FewShotReport(int Way, int Shots, int QueriesPerClass, int Episodes, double Accuracy, double ConfidenceInterval95, double Chance, int Classes)
{
    /// <summary>E.g. "4-way 1-shot: 87.31% ± 0.95% over 2000 episodes (chance 25.00%)".</summary>
    public override string ToString() =>
        $"{Way}-way {Shots}-shot: {Accuracy:P2} ± {ConfidenceInterval95:P2} over {Episodes} episodes (chance {Chance:P2})";
}
