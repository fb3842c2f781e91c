namespace Siamese.Sources;

/// <summary>
/// How labelled images are split for a run: which classes are trained on and which are held out unseen for testing
/// (<see cref="ClassFraction"/>, or <see cref="TrainClasses"/> / <see cref="TestClasses"/>), and how validation is held
/// out of the training classes. Classes with a single image are left out of training (they cannot form a genuine pair).
/// </summary>
public sealed record ImageSplitOptions
{
    /// <summary>Share of the training classes' images (or classes) held out for validation (default 0.05).</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>How validation is held out; null for the source's default (samples for Fashion-MNIST, classes for a folder).</summary>
    public ValidationHoldout? ValidationBy { get; init; }

    /// <summary>Train on this share of the classes, drawn with the seed; the rest are unseen test classes. Null: see the class lists.</summary>
    public double? ClassFraction { get; init; }

    /// <summary>Classes to train on (names, numbers or ranges, e.g. "0-5" or "shirt,coat"); null for every class not tested on.</summary>
    public string? TrainClasses { get; init; }

    /// <summary>Unseen classes to test on; null for every class not trained on (none when neither list is given).</summary>
    public string? TestClasses { get; init; }

    /// <summary>Use at most this many images, a stratified sample drawn with the seed; 0 for all (default).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Treat each quarter turn of a training class as a class of its own (square images only).</summary>
    public bool RotateClasses { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"the validation fraction must be between 0 and 1 (got {ValidationFraction})");
        }

        if (ClassFraction is double f && !(f > 0 && f < 1))
        {
            throw new ArgumentException($"the class fraction must be between 0 and 1 (got {f})");
        }

        if (ClassFraction is not null && (TrainClasses is not null || TestClasses is not null))
        {
            throw new ArgumentException("a class fraction draws the training classes; it does not combine with lists of training or test classes");
        }

        if (TrainLimit < 0)
        {
            throw new ArgumentException($"the training limit must be 0 (all) or positive (got {TrainLimit})");
        }
    }
}
