namespace Siamese.Evaluation.Evaluators;

/// <summary>How N-way K-shot accuracy is measured; validated by <see cref="Validate"/>.</summary>
public sealed record FewShotOptions
{
    /// <summary>Classes per episode (N, default 5).</summary>
    public int Way { get; init; } = 5;

    /// <summary>Support examples per class (K, default 1).</summary>
    public int Shots { get; init; } = 1;

    /// <summary>Query examples per class in each episode (default 1).</summary>
    public int QueriesPerClass { get; init; } = 1;

    /// <summary>Episodes to draw (default 2,000).</summary>
    public int Episodes { get; init; } = 2000;

    /// <summary>Seed of the episode draws (default 1); the same seed replays the same episodes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Way < 2)
        {
            throw new ArgumentException($"an episode needs at least 2 classes (way {Way})");
        }

        if (Shots < 1 || QueriesPerClass < 1 || Episodes < 1)
        {
            throw new ArgumentException($"shots ({Shots}), queries per class ({QueriesPerClass}) and episodes ({Episodes}) must be at least 1");
        }
    }
}
