namespace Siamese.Training;

/// <summary>
/// Thrown when the training loss becomes NaN or infinite. The network is left holding the weights
/// of the last completed epoch (the last good checkpoint), not the diverged ones.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int step, int lastGoodEpoch, double loss)
        : base($"training diverged: the loss became {loss} at step {step}; the weights of epoch {lastGoodEpoch} (the last good one) were kept. Try a smaller learning rate.")
    {
        Step = step;
        LastGoodEpoch = lastGoodEpoch;
    }

    /// <summary>One-based step at which the loss stopped being finite.</summary>
    public int Step { get; }

    /// <summary>Epoch whose weights the network holds now (0: the initial weights).</summary>
    public int LastGoodEpoch { get; }
}
