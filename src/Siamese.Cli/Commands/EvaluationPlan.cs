using Siamese.Evaluation.Evaluators;

namespace Siamese.Cli.Commands;

/// <summary>What an evaluation measures besides verification: its pairs and seed, k-NN, few-shot episodes, open-set trials and the embedding map.</summary>
/// <param name="Pairs">Balanced verification pairs.</param>
/// <param name="Seed">Seed of the pair, episode and trial draws.</param>
/// <param name="K">Neighbours in the k-NN vote against the gallery.</param>
/// <param name="FewShot">Episode shape; null for the default (min(5, classes)-way 1-shot, 2,000 episodes).</param>
/// <param name="OpenSet">Open-set trial shape; null for the default.</param>
/// <param name="Map">"pca", "tsne" or "none": the 2-D map of test embeddings written with the report.</param>
internal sealed record EvaluationPlan(int Pairs, int Seed, int K = 1, FewShotOptions? FewShot = null, OpenSetOptions? OpenSet = null, string Map = "pca");
