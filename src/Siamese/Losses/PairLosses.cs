using Siamese.Distances;

namespace Siamese.Losses;

/// <summary>Creates pair losses by their stable names, as stored in model bundles and typed on the command line.</summary>
public static class PairLosses
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["contrastive", "energy-contrastive"];

    /// <summary>
    /// Creates the loss called <paramref name="name"/> over <paramref name="distance"/>.
    /// </summary>
    /// <param name="name">"contrastive" or "energy-contrastive".</param>
    /// <param name="distance">Scores each pair.</param>
    /// <param name="margin">Contrastive: the impostor margin (null: <see cref="ContrastiveLoss.DefaultMargins"/>). Energy: Q, the energy bound.</param>
    /// <param name="positiveMargin">Contrastive only: the genuine margin (null: the default).</param>
    /// <exception cref="ArgumentException">Unknown name or invalid margins.</exception>
    public static PairLoss Create(string name, IDistance distance, double? margin, double? positiveMargin)
    {
        switch (name)
        {
            case "contrastive":
                var (m, p) = ContrastiveLoss.DefaultMargins(distance);
                return new ContrastiveLoss(distance, margin ?? m, positiveMargin ?? p);
            case "energy-contrastive":
                if (margin is null)
                {
                    throw new ArgumentException("the energy contrastive loss needs its energy bound Q");
                }

                return new EnergyContrastiveLoss(distance, margin.Value);
            default:
                throw new ArgumentException($"unknown loss '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
        }
    }
}
