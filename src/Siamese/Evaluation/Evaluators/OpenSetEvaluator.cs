using Siamese.Calibration;
using Siamese.Distances;
using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Evaluation.Evaluators;

/// <summary>
/// Open-set identification with one-shot enrolment, the way a gallery is used: each trial draws
/// <see cref="OpenSetOptions.KnownClasses"/> of the evaluation classes and enrols <see cref="OpenSetOptions.Shots"/>
/// examples of each; the remaining classes are strangers. Every probe (other examples of the known classes, and
/// examples of the strangers) is matched to its nearest enrolled example; it is accepted as that example's class
/// when the closeness passes a threshold, else answered "unknown". The threshold is set on the stranger probes at
/// a target false-accept rate (default 1%), and the report gives the detection-and-identification rate (DIR) and
/// the share of probes answered right there, and at the model's calibrated threshold. Pure: no I/O.
/// </summary>
public static class OpenSetEvaluator
{
    /// <summary>Runs the trials.</summary>
    /// <param name="embeddings">Embeddings (N, D) of the evaluation images.</param>
    /// <param name="labels">Class of each embedding; at least KnownClasses + 1 classes are needed.</param>
    /// <param name="distance">The model's distance.</param>
    /// <param name="options">Trial shape, count, target rate and seed.</param>
    /// <param name="modelThreshold">The model's calibrated threshold, to report that operating point too; or null.</param>
    /// <exception cref="ArgumentException">Too few classes or examples.</exception>
    public static OpenSetReport Evaluate(Tensor embeddings, IReadOnlyList<int> labels, IDistance distance, OpenSetOptions options, DecisionThreshold? modelThreshold = null)
    {
        EmbeddingShape.RequireOneRowPerLabel(embeddings, labels);
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Only classes with enough examples for enrolment and probes take part.
        int perClass = options.Shots + options.ProbesPerClass;
        int classCount = labels.CountBy(label => label).Count(kv => kv.Value >= perClass);
        if (classCount <= options.KnownClasses)
        {
            throw new ArgumentException(
                $"open-set identification with {options.KnownClasses} enrolled classes needs more classes with at least {perClass} examples (for strangers); the data has {classCount}");
        }

        // Every class takes part in each trial: the first KnownClasses of the drawn order are enrolled
        // (Shots support + ProbesPerClass probes), the rest give ProbesPerClass stranger probes each.
        var sampler = new FewShotEpisodeSampler(labels, classCount, options.Shots, options.ProbesPerClass, options.Seed);
        var genuineCloseness = new List<double>();
        var genuineCorrect = new List<bool>();
        var strangerCloseness = new List<double>();
        using (no_grad())
        {
            for (int t = 0; t < options.Trials; t++)
            {
                RunTrial(embeddings, sampler.Next(), distance, options.KnownClasses, genuineCloseness, genuineCorrect, strangerCloseness);
            }
        }

        double rank1 = genuineCorrect.Count(c => c) / (double)genuineCorrect.Count;
        double threshold = ClosenessThreshold(strangerCloseness, options.FalseAcceptRate);
        var atTarget = OperatingPoint(threshold, genuineCloseness, genuineCorrect, strangerCloseness, distance.LargerIsCloser);
        OpenSetOperatingPoint? atModel = modelThreshold is null
            ? null
            : OperatingPoint(modelThreshold.LargerIsCloser ? modelThreshold.Value : -modelThreshold.Value, genuineCloseness, genuineCorrect, strangerCloseness, distance.LargerIsCloser);
        return new OpenSetReport(options.KnownClasses, classCount - options.KnownClasses, options.Shots, options.Trials,
            genuineCloseness.Count, strangerCloseness.Count, rank1, options.FalseAcceptRate, atTarget.Threshold,
            atTarget.FalseAcceptRate, atTarget.DetectionIdentificationRate, atTarget.Accuracy, atModel);
    }

    /// <summary>
    /// The smallest closeness threshold t such that at most ⌊rate · S⌋ of the S stranger closeness values are ≥ t:
    /// just above the (⌊rate · S⌋ + 1)-th largest.
    /// </summary>
    internal static double ClosenessThreshold(IReadOnlyList<double> strangerCloseness, double rate)
    {
        var sorted = strangerCloseness.OrderDescending().ToArray();
        int allowed = (int)Math.Floor(rate * sorted.Length);
        return allowed >= sorted.Length ? double.NegativeInfinity : Math.BitIncrement(sorted[allowed]);
    }

    private static OpenSetOperatingPoint OperatingPoint(double closenessThreshold, List<double> genuine, List<bool> correct, List<double> strangers, bool largerIsCloser)
    {
        int identified = 0;
        for (int i = 0; i < genuine.Count; i++)
        {
            if (correct[i] && genuine[i] >= closenessThreshold)
            {
                identified++;
            }
        }

        int falseAccepts = strangers.Count(c => c >= closenessThreshold);
        double dir = identified / (double)genuine.Count;
        double far = falseAccepts / (double)strangers.Count;
        double accuracy = (identified + strangers.Count - falseAccepts) / (double)(genuine.Count + strangers.Count);
        return new OpenSetOperatingPoint(largerIsCloser ? closenessThreshold : -closenessThreshold, far, dir, accuracy);
    }

    private static void RunTrial(Tensor embeddings, FewShotEpisode trial, IDistance distance, int known,
        List<double> genuineCloseness, List<bool> genuineCorrect, List<double> strangerCloseness)
    {
        using var scope = NewDisposeScope();
        var enrolled = embeddings.index_select(0, tensor(trial.Support[..(known * trial.Shots)]).to(ScalarType.Int64));
        var probes = embeddings.index_select(0, tensor(trial.Queries).to(ScalarType.Int64));
        var scores = distance.Matrix(probes, enrolled);
        var closeness = distance.Closeness(scores).to(ScalarType.Float64);
        var (best, at) = closeness.max(1);
        double[] bestValues = best.data<double>().ToArray();
        long[] bestAt = at.data<long>().ToArray();
        for (int q = 0; q < trial.Queries.Length; q++)
        {
            int truth = trial.QueryClasses[q];
            if (truth < known)
            {
                genuineCloseness.Add(bestValues[q]);
                genuineCorrect.Add(bestAt[q] / trial.Shots == truth);
            }
            else
            {
                strangerCloseness.Add(bestValues[q]);
            }
        }
    }
}
