using Siamese.Calibration;
using Siamese.Gallery;
using Siamese.Inputs;
using Siamese.Persistence;
using static TorchSharp.torch;

namespace Siamese.Models;

/// <summary>
/// A trained model ready to use: its branches (one shared by both sides for a twin, one per side for a
/// pseudo-Siamese network) with what each reads, each side as an embedding generator over raw inputs, and
/// <see cref="Compare"/> with the calibrated threshold. Callers need not know whether the model is for images or text:
/// they hand each side what its branch reads.
/// </summary>
public sealed class SiameseModel : IDisposable
{
    private readonly BranchEmbedder first;
    private readonly BranchEmbedder second;

    /// <summary>Wraps a loaded bundle.</summary>
    public SiameseModel(ModelBundle bundle)
    {
        Bundle = bundle ?? throw new ArgumentNullException(nameof(bundle));
        Branches = bundle.Config.Branches;
        Ties = bundle.Config.Ties;
        // Hashing every weight is left until an embedding's model id is asked for: compare, enroll and the like never do.
        var id = new Lazy<string>(() => bundle.Fingerprint);
        first = new BranchEmbedder(bundle.Network, PairSide.First, Branches[0], id);
        second = new BranchEmbedder(bundle.Network, PairSide.Second, Branches[^1], id);
    }

    /// <summary>The bundle: configuration, network and threshold.</summary>
    public ModelBundle Bundle { get; }

    /// <summary>The model's branches: one for a twin (both sides), two for a pseudo-Siamese network (first side, then second).</summary>
    public IReadOnlyList<ModelBranch> Branches { get; }

    /// <summary>Parts the branches share (the word vectors of a pseudo-Siamese text model that ties them); empty for most models.</summary>
    public IReadOnlyList<BranchTie> Ties { get; }

    /// <summary>The calibrated decision threshold, or null.</summary>
    public DecisionThreshold? Threshold => Bundle.Config.Threshold;

    /// <summary>Whether a larger score means closer (the distance is a similarity).</summary>
    public bool LargerIsCloser => Bundle.Network.Distance.LargerIsCloser;

    /// <summary>Reads and wraps the bundle at <paramref name="path"/>.</summary>
    /// <exception cref="ModelBundleException">Not a valid bundle (see <see cref="ModelBundle.Load"/>).</exception>
    public static SiameseModel Load(string path) => new(ModelBundle.Load(path));

    /// <summary>The embedding generator of one side of pairs.</summary>
    public BranchEmbedder Side(PairSide side) => side == PairSide.Second ? second : first;

    /// <summary>Scores a pair of raw inputs (the first through the first side, the second through the second) and judges it by the threshold.</summary>
    /// <exception cref="Data.DataFormatException">An image file is missing or cannot be decoded.</exception>
    public PairComparison Compare(string firstInput, string secondInput)
    {
        ArgumentNullException.ThrowIfNull(firstInput);
        ArgumentNullException.ThrowIfNull(secondInput);
        using var scope = NewDisposeScope();
        var a = first.EmbedTensor([firstInput]);
        var b = second.EmbedTensor([secondInput]);
        double score;
        using (no_grad())
        {
            score = Bundle.Network.Distance.Paired(a, b).item<float>();
        }

        return new PairComparison(score, LargerIsCloser, Threshold?.IsSame(score));
    }

    /// <summary>
    /// An exact top-k search over <paramref name="candidates"/> (raw inputs, as the second side reads them), embedded
    /// once; queries are raw inputs of the first side. Dispose it to free the candidate embeddings.
    /// </summary>
    /// <exception cref="Data.DataFormatException">A candidate image file is missing or cannot be decoded.</exception>
    public CandidateSearch Search(IReadOnlyList<string> candidates) =>
        new(Bundle.Network.Distance, first.EmbedTensor, second.EmbedTensor, candidates);

    /// <summary>Releases the network.</summary>
    public void Dispose() => Bundle.Network.Dispose();
}
