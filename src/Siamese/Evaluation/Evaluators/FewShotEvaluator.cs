using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// One-shot and few-shot recognition of classes the model never saw: each N-way K-shot episode draws N classes,
/// K support and some query examples of each; a class is represented by the mean embedding of its support
/// examples (its prototype; with K = 1 the example itself, as in Koch et al. 2015 and Snell et al. 2017) and
/// each query goes to the class whose prototype is closest under the model's distance. A query whose true class
/// ties with another for closest counts as an error. Pure: it reads embeddings and labels and writes nothing.
/// </summary>
public static class FewShotEvaluator
{
    /// <summary>Accuracy over <see cref="FewShotOptions.Episodes"/> seeded episodes.</summary>
    /// <param name="embeddings">Embeddings (N, D) of the evaluation images, typically of classes never trained on.</param>
    /// <param name="labels">Class of each embedding.</param>
    /// <param name="distance">The model's distance (or learned similarity).</param>
    /// <param name="options">Episode shape, count and seed.</param>
    /// <exception cref="ArgumentException">Too few classes or examples for the episode shape, or mismatched sizes.</exception>
    public static FewShotReport Evaluate(Tensor embeddings, IReadOnlyList<int> labels, IDistance distance, FewShotOptions options)
    {
        EmbeddingShape.RequireOneRowPerLabel(embeddings, labels);
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var sampler = new FewShotEpisodeSampler(labels, options.Way, options.Shots, options.QueriesPerClass, options.Seed);
        var accuracies = new double[options.Episodes];
        for (int e = 0; e < options.Episodes; e++)
        {
            accuracies[e] = EpisodeAccuracy(embeddings, sampler.Next(), distance);
        }

        double mean = accuracies.Average();
        double variance = accuracies.Length > 1 ? accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1) : 0;
        return new FewShotReport(options.Way, options.Shots, options.QueriesPerClass, options.Episodes, mean,
            1.96 * Math.Sqrt(variance / accuracies.Length), 1.0 / options.Way, sampler.EligibleClassCount);
    }

    /// <summary>Share of an episode's queries that are strictly closest to their own class's prototype.</summary>
    public static double EpisodeAccuracy(Tensor embeddings, FewShotEpisode episode, IDistance distance)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(distance);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long dimension = embeddings.shape[1];
        var support = embeddings.index_select(0, tensor(episode.Support).to(ScalarType.Int64));
        var prototypes = support.reshape(episode.Way, episode.Shots, dimension).mean([1]);
        var queries = embeddings.index_select(0, tensor(episode.Queries).to(ScalarType.Int64));
        var scores = distance.Matrix(queries, prototypes);
        var closeness = distance.Closeness(scores);
        var own = closeness.gather(1, tensor(episode.QueryClasses).to(ScalarType.Int64).unsqueeze(1));

        // Strictly closest: no other prototype scores as close as or closer than the query's own.
        var rivals = (closeness >= own).sum(1) - 1;
        return (rivals == 0).to(ScalarType.Float64).mean().item<double>();
    }
}
