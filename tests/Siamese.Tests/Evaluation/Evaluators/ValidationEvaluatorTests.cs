using Siamese.Data;
using Siamese.Distances;
using Siamese.Encoders;
using Siamese.Engine;
using Siamese.Evaluation.Evaluators;
using Siamese.Evaluation.Metrics;
using Siamese.Losses;
using Siamese.Networks;
using Siamese.Samplers;
using Siamese.Tests.Text;
using Siamese.Tests.Training;
using Siamese.Training;
using static TorchSharp.torch;

namespace Siamese.Tests.Evaluation.Evaluators;

[Collection(LiveTensorCollection.Name)]
public class ValidationEvaluatorTests
{
    private static TwinNetwork NewNetwork(int seed = 3)
    {
        TorchEngine.Seed(seed);
        var spec = new MlpEncoderSpec { InputHeight = 2, InputWidth = 4, HiddenDimensions = [16], EmbeddingDimension = 4, BatchNorm = false };
        return new TwinNetwork(spec.Build(), new L2Distance());
    }

    private static TrainerOptions Options(int epochs, int steps) => new()
    {
        Epochs = epochs, StepsPerEpoch = steps, BatchSize = 32, LearningRate = 0.05, WarmupSteps = 5, Seed = 5,
    };

    private static float[] Weights(TwinNetwork network) =>
        network.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();

    [Fact]
    public void RetrievalValidationSet_Evaluate_EqualsALoopOverTheEmbeddings()
    {
        // Given labelled items and a network
        var inputs = new SyntheticInputs(classes: 3, perClass: 12, seed: 4, noise: 1.0);
        var network = NewNetwork();
        var retrieval = new RetrievalValidationSet(inputs, inputs.Labels);

        // When retrieval is evaluated
        var result = retrieval.Evaluate(network);

        // Then 1nn is the share of items whose nearest other item (a loop over all of them) shares its class
        float[][] e;
        using (no_grad())
        {
            network.eval();
            using var all = network.EmbedItems(inputs, Enumerable.Range(0, inputs.Count).ToArray(), forComparison: true);
            e = Enumerable.Range(0, inputs.Count).Select(i => all[i].data<float>().ToArray()).ToArray();
            network.train();
        }

        int hits = 0;
        for (int q = 0; q < e.Length; q++)
        {
            int nearest = Enumerable.Range(0, e.Length).Where(j => j != q)
                .MinBy(j => e[q].Zip(e[j], (a, b) => (a - b) * (a - b)).Sum())!;
            hits += inputs.Labels[nearest] == inputs.Labels[q] ? 1 : 0;
        }

        Assert.Equal("1nn", retrieval.PrimaryMetric);
        Assert.Equal((double)hits / e.Length, result[MetricNames.NearestNeighbor], 6);
        var report = Assert.IsType<RetrievalReport>(result.Report);
        Assert.Equal(report.MapAtR, result[MetricNames.MapAtR]);
        Assert.True(network.training);
    }

    [Fact]
    public void RetrievalValidationSet_OneItemPerClass_GivesNaNInsteadOfThrowing()
    {
        var inputs = new SyntheticInputs(classes: 4, perClass: 1, seed: 4);

        var result = new RetrievalValidationSet(inputs, inputs.Labels).Evaluate(NewNetwork());

        Assert.True(double.IsNaN(result[MetricNames.NearestNeighbor]));
        Assert.Null(result.Report);
    }

    [Fact]
    public void EvaluatorSequence_PairsAndRetrieval_GivesBothFiguresAndTheNamedPrimary()
    {
        var inputs = new SyntheticInputs(classes: 3, perClass: 10, seed: 2);
        var pairs = new PairValidationSet(inputs, new BalancedPairSampler(inputs.Labels, seed: 9).Next(40));
        var sequence = new EvaluatorSequence("1nn", pairs, new RetrievalValidationSet(inputs, inputs.Labels));

        var result = sequence.Evaluate(NewNetwork());

        Assert.Equal("1nn", sequence.PrimaryMetric);
        Assert.Equal("auc", new EvaluatorSequence(null, pairs).PrimaryMetric);
        Assert.Equal("pairs+retrieval", sequence.Name);
        Assert.Equal(["auc", "eer", "accuracy", "1nn", "map@r"], result.Metrics.Keys);
        Assert.False(sequence.GreaterIsBetter("eer"));
        Assert.True(sequence.GreaterIsBetter("1nn"));
        Assert.Equal(["auc", "eer", "accuracy", "1nn", "map@r"], sequence.Metrics);
        var twice = Assert.Throws<ArgumentException>(() => new EvaluatorSequence(null, pairs, pairs));
        Assert.StartsWith("the evaluators pairs+pairs both give 'auc'", twice.Message);
    }

    [Fact]
    public void Fit_RetrievalPrimary_KeepsTheEpochWithTheBest1nn()
    {
        // Given overlapping classes validated on pairs and on retrieval, with 1nn as the primary figure
        var inputs = new SyntheticInputs(classes: 4, perClass: 30, seed: 8, noise: 1.5);
        var validation = new EvaluatorSequence(
            "1nn", new PairValidationSet(inputs, new BalancedPairSampler(inputs.Labels, seed: 99).Next(200)), new RetrievalValidationSet(inputs, inputs.Labels));
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 4, steps: 10));
        var snapshots = new Dictionary<int, float[]>();

        // When trained with keep-best
        var result = trainer.Fit(inputs, inputs.Labels, validation, epochCompleted: s => snapshots[s.Epoch] = Weights(network));

        // Then every epoch was judged by 1nn and the network holds the first epoch with the highest 1nn
        Assert.All(result.Epochs, e => Assert.Equal("1nn", e.Selected));
        Assert.All(result.Epochs, e => Assert.False(double.IsNaN(e.ValidationAuc)));
        int best = result.Epochs.MaxBy(e => e[MetricNames.NearestNeighbor])!.Epoch;
        Assert.Equal(best, result.BestEpoch);
        Assert.Equal(snapshots[best], Weights(network));
    }

    [Fact]
    public void Fit_SelectNamesAFigureTheValidationDoesNotGive_ThrowsListingThem()
    {
        var inputs = new SyntheticInputs(classes: 3, perClass: 10, seed: 2);
        var network = NewNetwork();
        var trainer = new Trainer(network, new ContrastiveLoss(network.Distance, 1.0, 0.0), Options(epochs: 1, steps: 2) with { Select = "1nn" });
        var pairs = new PairValidationSet(inputs, new BalancedPairSampler(inputs.Labels, seed: 9).Next(40));

        var before = Weights(network);

        var ex = Assert.Throws<ArgumentException>(() => trainer.Fit(inputs, inputs.Labels, pairs));

        // Refused before the first step: nothing trained
        Assert.Contains("'1nn'", ex.Message);
        Assert.Contains("auc", ex.Message);
        Assert.Equal(before, Weights(network));
    }

    [Fact]
    public void FewShotAndOpenSetValidationSets_GiveTheirEvaluatorsFiguresOnOneEmbeddingPass()
    {
        // Given 6 classes of 8 items and a network
        var inputs = new SyntheticInputs(classes: 6, perClass: 8, seed: 5, noise: 1.0);
        var network = NewNetwork();
        var fewShot = new FewShotOptions { Way = 3, Shots = 1, Episodes = 200, Seed = 2 };
        var openSet = new OpenSetOptions { KnownClasses = 3, Shots = 1, ProbesPerClass = 2, Trials = 50, Seed = 3 };

        // When both are evaluated
        var few = new FewShotValidationSet(inputs, inputs.Labels, fewShot).Evaluate(network);
        var open = new OpenSetValidationSet(inputs, inputs.Labels, openSet).Evaluate(network);

        // Then their figures are those of the evaluators on every item's embedding
        using var scope = NewDisposeScope();
        network.eval();
        Tensor all;
        using (no_grad())
        {
            all = network.EmbedItems(inputs, Enumerable.Range(0, inputs.Count).ToArray(), forComparison: true);
        }

        network.train();
        Assert.Equal(FewShotEvaluator.Evaluate(all, inputs.Labels, network.Distance, fewShot).Accuracy, few[MetricNames.FewShot]);
        var expected = OpenSetEvaluator.Evaluate(all, inputs.Labels, network.Distance, openSet);
        Assert.Equal(expected.Accuracy, open[MetricNames.OpenSetAccuracy]);
        Assert.Equal(expected.Rank1Accuracy, open[MetricNames.OpenSetRank1]);
        Assert.IsType<OpenSetReport>(open.Report);
    }

    [Fact]
    public void TextPairSetEvaluator_GradedPairs_GivesTheTextEvaluatorsFiguresWithSpearmanPrimary()
    {
        // Given graded text pairs and a text model
        var pairs = SmallTextModels.Titles.Zip(SmallTextModels.Bodies, (t, b) => TextPair.WithScore(t, b, t.Length % 3 / 2.0, t.Length % 3)).ToArray();
        var set = TextPairSet.FromPairs(pairs);
        var network = SmallTextModels.Pseudo();
        var evaluator = new TextPairSetEvaluator(set, SmallTextModels.Settings);

        // When evaluated
        var result = evaluator.Evaluate(network);

        // Then the figures are the text evaluator's, Spearman is primary, and the network is back in training mode
        var expected = TextPairEvaluator.Evaluate(set, new ModelTextScorer(network, SmallTextModels.Tokenizer()));
        Assert.Equal("spearman", evaluator.PrimaryMetric);
        Assert.Equal(expected.Correlation!.Spearman, result[MetricNames.Spearman], 6);
        Assert.Equal(expected.Correlation.Pearson, result[MetricNames.Pearson], 6);
        Assert.Equal(expected.Matching!.MeanReciprocalRank, result[MetricNames.MeanReciprocalRank], 6);
        Assert.True(network.training);
    }

    [Fact]
    public void SelectionMetric_NPair_Is1nnAndOtherLossesKeepThePairsOwn()
    {
        Assert.Equal("1nn", LossCatalog.Create("npair").SelectionMetric);
        Assert.All(LossCatalog.Names.Where(n => n != "npair"), n => Assert.Null(LossCatalog.Create(n).SelectionMetric));
    }
}
