using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Metrics;
using Siamese.Inputs;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Training;

namespace Siamese.Tests.Training;

[Collection(LiveTensorCollection.Name)]
public class GradedValidationTrainerTests
{
    // Two sides of 4 classes x 15 inputs each (other centres per side); class c of one side matches class c of the other
    private static readonly SyntheticInputs FirstSide = new(classes: 4, perClass: 15, seed: 1, noise: 0.3);
    private static readonly SyntheticInputs SecondSide = new(classes: 4, perClass: 15, seed: 2, noise: 0.3);
    private static readonly TwoSidedInputSource Sides = new(FirstSide, SecondSide);

    private static TwinNetwork PseudoMlp()
    {
        TorchEngine.Seed(3);
        var first = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [16], EmbeddingDimension = 4, BatchNorm = false };
        var second = first with { HiddenDimensions = [12, 8] };
        return new TwinNetwork(first.Build(), second.Build(), new CosineSimilarity());
    }

    /// <summary>Random pairs (first-side item, second-side item) graded by how far apart their classes are: 1, 2/3, 1/3 or 0.</summary>
    private static (PairIndices Pairs, float[] Targets) GradedPairs(int count, int seed)
    {
        var random = new Random(seed);
        var left = new int[count];
        var right = new int[count];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            int a = random.Next(FirstSide.Count), b = random.Next(SecondSide.Count);
            left[i] = a;
            right[i] = Sides.ItemOf(PairSide.Second, b);
            targets[i] = 1f - (Math.Abs(FirstSide.Labels[a] - SecondSide.Labels[b]) / 3f);
        }

        var relations = Array.ConvertAll(targets, t => t >= 0.5f ? PairRelation.Same : PairRelation.Different);
        return (new PairIndices(left, right, relations), targets);
    }

    private static TrainerOptions Options => new()
    {
        Epochs = 4,
        StepsPerEpoch = 15,
        LearningRate = 0.005,
        WarmupSteps = 2,
        Seed = 5,
        Select = "spearman",
    };

    private static double Spearman(float[] scores, float[] targets) =>
        CorrelationMetrics.Spearman(Array.ConvertAll(scores, s => (double)s), Array.ConvertAll(targets, t => (double)t));

    [Fact]
    public void Fit_GradedValidation_ReportsEachEpochsSpearmanAndKeepsTheBestEpoch()
    {
        // Given a pseudo-Siamese MLP, graded training pairs served by the scored-pair sampler, CoSENT, and graded validation pairs
        var network = PseudoMlp();
        var (trainPairs, trainTargets) = GradedPairs(300, seed: 7);
        var (validationPairs, validationTargets) = GradedPairs(150, seed: 8);
        var validation = new PairValidationSet(Sides, validationPairs) { Targets = validationTargets };
        double untrained = Spearman(validation.Scores(network), validationTargets);
        var sampler = new ScoredPairBatchSampler(new ScoredPairIndices(trainPairs.Left, trainPairs.Right, trainTargets), 16, seed: 5);
        var measured = new List<double>();

        // When it trains for 4 epochs selecting by Spearman, recomputing Spearman after each epoch from the scores
        var result = new Trainer(network, new CoSentLoss(network.Distance), Options)
            .Fit(Sides, sampler, validation, epochCompleted: _ => measured.Add(Spearman(validation.Scores(network), validationTargets)));

        // Then every epoch reports a finite Spearman equal to the one recomputed, and finite validation loss and AUC
        var history = result.Epochs;
        Assert.Equal(4, history.Count);
        for (int e = 0; e < history.Count; e++)
        {
            Assert.True(double.IsFinite(history[e].ValidationSpearman), $"epoch {e + 1}");
            Assert.Equal(measured[e], history[e].ValidationSpearman, 9);
            Assert.True(double.IsFinite(history[e].ValidationLoss));
            Assert.True(double.IsFinite(history[e].ValidationAuc));
        }

        // And the best epoch is the first with the highest Spearman, flagged as each new maximum was reached
        int best = 1 + Enumerable.Range(0, history.Count).MaxBy(e => (history[e].ValidationSpearman, -e));
        Assert.Equal(best, result.BestEpoch);
        double running = double.NegativeInfinity;
        foreach (var epoch in history)
        {
            Assert.Equal(epoch.ValidationSpearman > running, epoch.IsBest);
            running = Math.Max(running, epoch.ValidationSpearman);
        }

        // And the network holds that epoch's weights, which rank the validation pairs better than the untrained ones
        Assert.Equal(history[best - 1].ValidationSpearman, Spearman(validation.Scores(network), validationTargets), 9);
        Assert.True(history[best - 1].ValidationSpearman > untrained + 0.1, $"Spearman {untrained:F3} -> {history[best - 1].ValidationSpearman:F3}");
    }

    [Fact]
    public void Fit_SelectionBySpearman_PicksTheSpearmanBestEvenWhenAucAndLossImproveLater()
    {
        // Given validation targets reversed against the pairs' relations: as the network learns, AUC (from the relations)
        // rises while Spearman (from the reversed targets) falls, so only selection by Spearman keeps an early epoch
        var network = PseudoMlp();
        var (trainPairs, trainTargets) = GradedPairs(300, seed: 7);
        var (validationPairs, validationTargets) = GradedPairs(150, seed: 8);
        var validation = new PairValidationSet(Sides, validationPairs) { Targets = Array.ConvertAll(validationTargets, t => 1 - t) };
        var sampler = new ScoredPairBatchSampler(new ScoredPairIndices(trainPairs.Left, trainPairs.Right, trainTargets), 16, seed: 5);

        // When trained selecting by Spearman
        var result = new Trainer(network, new CoSentLoss(network.Distance), Options).Fit(Sides, sampler, validation);

        // Then the kept epoch is the Spearman maximum, which is not the AUC maximum
        var history = result.Epochs;
        int bySpearman = 1 + Enumerable.Range(0, history.Count).MaxBy(e => (history[e].ValidationSpearman, -e));
        int byAuc = 1 + Enumerable.Range(0, history.Count).MaxBy(e => (history[e].ValidationAuc, -e));
        Assert.Equal(bySpearman, result.BestEpoch);
        Assert.NotEqual(byAuc, bySpearman);
    }

    [Fact]
    public void Targets_OfAnotherLengthThanThePairs_Throws()
    {
        var (pairs, _) = GradedPairs(5, seed: 1);
        Assert.Throws<ArgumentException>(() => new PairValidationSet(Sides, pairs) { Targets = [0.5f, 0.5f] });
    }
}
