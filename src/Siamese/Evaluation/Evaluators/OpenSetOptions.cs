namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// How open-set identification is measured (<see cref="OpenSetEvaluator"/>); validated by <see cref="Validate"/>.
/// </summary>
public sealed record OpenSetOptions
{
    /// <summary>Classes enrolled in each trial's gallery (default 2); the other evaluation classes are strangers.</summary>
    public int KnownClasses { get; init; } = 2;

    /// <summary>Examples enrolled per known class (default 1: one-shot enrolment).</summary>
    public int Shots { get; init; } = 1;

    /// <summary>Probes drawn from each class, known or stranger, in each trial (default 5).</summary>
    public int ProbesPerClass { get; init; } = 5;

    /// <summary>Trials (default 2,000).</summary>
    public int Trials { get; init; } = 2000;

    /// <summary>The false-accept rate at which the threshold is set (default 0.01).</summary>
    public double FalseAcceptRate { get; init; } = 0.01;

    /// <summary>Seed of the draws (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (KnownClasses < 1 || Shots < 1 || ProbesPerClass < 1 || Trials < 1)
        {
            throw new ArgumentException($"known classes ({KnownClasses}), shots ({Shots}), probes per class ({ProbesPerClass}) and trials ({Trials}) must be at least 1");
        }

        if (!(FalseAcceptRate is >= 0 and < 1))
        {
            throw new ArgumentException($"the false-accept rate must be in [0, 1) (got {FalseAcceptRate})");
        }
    }
}
