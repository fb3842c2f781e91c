using Siamese.Calibration;
using Siamese.Data;
using Siamese.Evaluation.Metrics;
using Siamese.Networks;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

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
    /// <param name="progress">Receives the number of images embedded so far (test, then gallery): the bulk of the work.</param>
    public static TwinEvaluationReport Evaluate(
        TwinNetwork network,
        LabeledImageSet test,
        LabeledImageSet? gallery,
        InputNormalization normalization,
        int pairCount,
        int seed,
        DecisionThreshold? threshold = null,
        int k = 1,
        IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        using var scope = NewDisposeScope();
        var testEmbeddings = EmbedAll(network, test, normalization, progress: progress);
        return Evaluate(network, test, testEmbeddings, gallery, normalization, pairCount, seed, threshold, k,
            progress is null ? null : new OffsetProgress(progress, test.Count));
    }

    /// <summary>
    /// Evaluates <paramref name="network"/> on test images already embedded (for example to reuse the embeddings for
    /// few-shot episodes as well); as <see cref="Evaluate(TwinNetwork, LabeledImageSet, LabeledImageSet?, InputNormalization, int, int, DecisionThreshold?, int, IProgress{int}?)"/> otherwise.
    /// </summary>
    /// <param name="network">The model.</param>
    /// <param name="test">Labelled test images.</param>
    /// <param name="testEmbeddings">Embeddings of <paramref name="test"/> by <paramref name="network"/>, (N, D), as <see cref="EmbedAll"/> makes them.</param>
    /// <param name="gallery">Labelled reference images for k-NN classification, or null to skip it.</param>
    /// <param name="normalization">Input normalisation the model was trained with.</param>
    /// <param name="pairCount">Number of balanced test pairs (half genuine).</param>
    /// <param name="seed">Seed of the pair draw.</param>
    /// <param name="threshold">The model's calibrated threshold, or null.</param>
    /// <param name="k">Neighbours in the k-NN vote.</param>
    /// <param name="galleryProgress">Receives the number of gallery images embedded so far.</param>
    public static TwinEvaluationReport Evaluate(
        TwinNetwork network,
        LabeledImageSet test,
        Tensor testEmbeddings,
        LabeledImageSet? gallery,
        InputNormalization normalization,
        int pairCount,
        int seed,
        DecisionThreshold? threshold = null,
        int k = 1,
        IProgress<int>? galleryProgress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(testEmbeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairCount, 2);
        if (testEmbeddings.shape[0] != test.Count)
        {
            throw new ArgumentException($"{testEmbeddings.shape[0]} test embeddings for {test.Count} test images", nameof(testEmbeddings));
        }

        using var scope = NewDisposeScope();
        var testLabels = test.Labels.ToArray();
        var pairs = new BalancedPairSampler(testLabels, seed).Next(pairCount);
        var (scores, isSame) = ScorePairs(network, testEmbeddings, pairs);
        var (verification, thresholdAccuracy) = Verify(scores, isSame, network.Distance.LargerIsCloser, threshold);
        EmbeddingReport? embeddings = null;
        if (gallery is not null)
        {
            var galleryEmbeddings = EmbedAll(network, gallery, normalization, progress: galleryProgress);
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

    /// <summary>
    /// Evaluates <paramref name="network"/> on explicit pairs (for example from a pair-list file):
    /// verification metrics and the stored threshold's accuracy; no k-NN or retrieval.
    /// </summary>
    public static TwinEvaluationReport EvaluatePairs(
        TwinNetwork network,
        LabeledImageSet images,
        PairIndices pairs,
        InputNormalization normalization,
        DecisionThreshold? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(pairs);
        using var scope = NewDisposeScope();
        var embeddings = EmbedAll(network, images, normalization);
        var (scores, isSame) = ScorePairs(network, embeddings, pairs);
        var (verification, thresholdAccuracy) = Verify(scores, isSame, network.Distance.LargerIsCloser, threshold);
        return new TwinEvaluationReport
        {
            Verification = verification,
            ThresholdAccuracy = thresholdAccuracy,
            PairScores = scores,
            PairIsSame = isSame,
            TestCount = images.Count,
        };
    }

    /// <summary>Embeddings of every image of <paramref name="images"/>, (N, D), computed in chunks without gradients.</summary>
    /// <param name="network">The model.</param>
    /// <param name="images">The images.</param>
    /// <param name="normalization">Input normalisation the model was trained with.</param>
    /// <param name="chunkSize">Images per forward pass.</param>
    /// <param name="progress">Receives the number of images embedded so far after each chunk.</param>
    public static Tensor EmbedAll(TwinNetwork network, LabeledImageSet images, InputNormalization normalization, int chunkSize = 2048, IProgress<int>? progress = null)
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
            progress?.Report(start + length);
        }

        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    private static (float[] Scores, bool[] IsSame) ScorePairs(TwinNetwork network, Tensor embeddings, PairIndices pairs)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var left = embeddings.index_select(0, tensor(pairs.Left.Select(i => (long)i).ToArray()));
        var right = embeddings.index_select(0, tensor(pairs.Right.Select(i => (long)i).ToArray()));
        return (network.Distance.Paired(left, right).data<float>().ToArray(), pairs.IsSame());
    }

    private static (VerificationReport Report, double? ThresholdAccuracy) Verify(float[] scores, bool[] isSame, bool largerIsCloser, DecisionThreshold? threshold)
    {
        var report = VerificationMetrics.Evaluate(scores, isSame, largerIsCloser, DefaultFarTargets);
        return (report, threshold is null ? null : VerificationMetrics.AtThreshold(scores, isSame, threshold).Accuracy);
    }

    private sealed class OffsetProgress(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
