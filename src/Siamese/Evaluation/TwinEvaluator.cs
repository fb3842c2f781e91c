using Siamese.Calibration;
using Siamese.Data;
using Siamese.Networks;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Evaluation;

/// <summary>
/// Measures a trained twin network on labelled test images: verification on balanced random pairs
/// (ROC, AUC, EER, best accuracy, TAR at FAR), k-NN accuracy with a gallery (usually the training
/// set), and leave-one-out retrieval (P@1, R-precision, MAP@R). Computes only; writes nothing.
/// </summary>
public static class TwinEvaluator
{
    /// <summary>False-accept rates at which TAR is reported.</summary>
    public static IReadOnlyList<double> DefaultFarTargets { get; } = [0.001, 0.01, 0.1];

    /// <summary>Evaluates <paramref name="network"/>.</summary>
    /// <param name="network">The model.</param>
    /// <param name="test">Labelled test images; pairs and retrieval queries come from here.</param>
    /// <param name="gallery">Labelled reference images for k-NN classification, or null to skip it.</param>
    /// <param name="normalization">Input normalisation the model was trained with.</param>
    /// <param name="pairCount">Number of balanced test pairs (half genuine).</param>
    /// <param name="seed">Seed of the pair draw.</param>
    /// <param name="threshold">The model's calibrated threshold, or null.</param>
    /// <param name="k">Neighbours in the k-NN vote.</param>
    public static TwinEvaluationReport Evaluate(
        TwinNetwork network,
        LabeledImageSet test,
        LabeledImageSet? gallery,
        InputNormalization normalization,
        int pairCount,
        int seed,
        DecisionThreshold? threshold = null,
        int k = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairCount, 2);
        using var scope = NewDisposeScope();
        var testLabels = test.Labels.ToArray();
        var testEmbeddings = EmbedAll(network, test, normalization);
        var pairs = new BalancedPairSampler(testLabels, seed).Next(pairCount);
        float[] scores;
        using (no_grad())
        using (var pairScope = NewDisposeScope())
        {
            var left = testEmbeddings.index_select(0, tensor(pairs.Left.Select(i => (long)i).ToArray()));
            var right = testEmbeddings.index_select(0, tensor(pairs.Right.Select(i => (long)i).ToArray()));
            scores = network.Distance.Paired(left, right).data<float>().ToArray();
        }

        var isSame = pairs.IsSame();
        var verification = VerificationMetrics.Evaluate(scores, isSame, network.Distance.LargerIsCloser, DefaultFarTargets);
        double? thresholdAccuracy = null;
        if (threshold is not null)
        {
            int correct = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                correct += threshold.IsSame(scores[i]) == isSame[i] ? 1 : 0;
            }

            thresholdAccuracy = (double)correct / scores.Length;
        }

        EmbeddingReport? embeddings = null;
        if (gallery is not null)
        {
            var galleryEmbeddings = EmbedAll(network, gallery, normalization);
            embeddings = EmbeddingEvaluator.Evaluate(testEmbeddings, testLabels, galleryEmbeddings, gallery.Labels.ToArray(), network.Distance, k);
        }

        return new TwinEvaluationReport
        {
            Verification = verification,
            Embeddings = embeddings,
            ThresholdAccuracy = thresholdAccuracy,
            PairScores = scores,
            PairIsSame = isSame,
            TestCount = test.Count,
            GalleryCount = gallery?.Count ?? 0,
        };
    }

    /// <summary>Embeddings of every image of <paramref name="images"/>, (N, D), computed in chunks without gradients.</summary>
    public static Tensor EmbedAll(TwinNetwork network, LabeledImageSet images, InputNormalization normalization, int chunkSize = 2048)
    {
        using var scope = NewDisposeScope();
        var chunks = new List<Tensor>();
        var all = Enumerable.Range(0, images.Count).ToArray();
        for (int start = 0; start < images.Count; start += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            int length = Math.Min(chunkSize, images.Count - start);
            var inputs = images.ToTensor(all.AsSpan(start, length), normalization);
            chunks.Add(network.Embed(inputs, chunkSize).MoveToOuterDisposeScope());
        }

        return cat(chunks, 0).MoveToOuterDisposeScope();
    }
}
