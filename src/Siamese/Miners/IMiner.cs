using Siamese.Samplers;
using static TorchSharp.torch;

namespace Siamese.Miners;

/// <summary>
/// Selects tuples from a labelled batch of embeddings. Miners work without gradients and return typed
/// index records (<see cref="PairIndices"/>, <see cref="TripletIndices"/>, <see cref="QuadrupletIndices"/>).
/// </summary>
/// <typeparam name="TTuples">The kind of tuple mined.</typeparam>
public interface IMiner<out TTuples>
    where TTuples : IBatchTuples
{
    /// <summary>Stable name used on the command line, e.g. "batch-hard".</summary>
    string Name { get; }

    /// <summary>The selected tuples of <paramref name="embeddings"/> (N, D) whose classes are <paramref name="labels"/>.</summary>
    TTuples Mine(Tensor embeddings, IReadOnlyList<int> labels);
}
