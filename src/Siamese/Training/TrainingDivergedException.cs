namespace Siamese.Training;

/// <summary>
/// Thrown when the training loss or the weights become NaN or infinite. The network is left holding the weights
/// of the last completed epoch (the last good checkpoint), not the diverged ones.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a loss that stopped being finite.</summary>
    public TrainingDivergedException(int step, int lastGoodEpoch, double loss)
        : this(step, lastGoodEpoch, $"the loss became {loss} at step {step}")
    {
    }

    private TrainingDivergedException(int step, int lastGoodEpoch, string what)
        : base($"training diverged: {what}; {Kept(lastGoodEpoch)}. Try a smaller learning rate.")
    {
        Step = step;
        LastGoodEpoch = lastGoodEpoch;
    }

    /// <summary>One-based step at which the loss or the weights stopped being finite.</summary>
    public int Step { get; }

    /// <summary>Epoch whose weights the network holds now (0: the initial weights).</summary>
    public int LastGoodEpoch { get; }

    /// <summary>Creates the exception for weights that an optimiser step made NaN or infinite while the loss was still finite.</summary>
    public static TrainingDivergedException WeightsNotFinite(int step, int lastGoodEpoch) =>
        new(step, lastGoodEpoch, $"the weights became NaN or infinite at step {step}");

    private static string Kept(int epoch) => epoch == 0
        ? "the network is back at its initial weights (no epoch had completed)"
        : $"the weights of epoch {epoch} (the last good one) were kept";
}
