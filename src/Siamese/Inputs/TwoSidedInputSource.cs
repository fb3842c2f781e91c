using static TorchSharp.torch;

namespace Siamese.Inputs;

/// <summary>
/// The inputs of a pair data set kept by side: items 0 … First.Count − 1 are first-side inputs and the next
/// Second.Count items are second-side inputs, so a batch's item indices say which branch each item goes through
/// (<c>TwinNetwork.EmbedItems</c>). The two sides may hold different kinds of input (a short text and a long
/// one, or text and images) for a pseudo-Siamese network; a twin network embeds both sides with its one encoder.
/// </summary>
public sealed class TwoSidedInputSource : IInputSource
{
    /// <summary>Pairs the inputs of the two sides.</summary>
    public TwoSidedInputSource(IInputSource first, IInputSource second)
    {
        First = first ?? throw new ArgumentNullException(nameof(first));
        Second = second ?? throw new ArgumentNullException(nameof(second));
    }

    /// <summary>The first-side inputs (item indices from 0).</summary>
    public IInputSource First { get; }

    /// <summary>The second-side inputs (item indices from <see cref="First"/>.Count).</summary>
    public IInputSource Second { get; }

    /// <inheritdoc />
    public int Count => First.Count + Second.Count;

    /// <summary>The side of an item index.</summary>
    public PairSide SideOf(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, Count);
        return item < First.Count ? PairSide.First : PairSide.Second;
    }

    /// <summary>The item index of the <paramref name="index"/>-th input of <paramref name="side"/>.</summary>
    public int ItemOf(PairSide side, int index) => side == PairSide.First ? index : First.Count + index;

    /// <summary>The source of one side.</summary>
    public IInputSource Side(PairSide side) => side == PairSide.First ? First : Second;

    /// <inheritdoc />
    /// <remarks>
    /// Works only when every index is on one side, or both sides gather to tensors of one shape beyond the batch
    /// dimension; texts of the two sides pad to different lengths, so embed them through
    /// <c>TwinNetwork.EmbedItems</c>, which gathers each side on its own.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The two sides' tensors cannot be stacked.</exception>
    public Tensor Gather(ReadOnlySpan<int> indices) => PerSide(indices, (source, sideIndices, _) => source.Gather(sideIndices));

    /// <inheritdoc />
    public bool IsTwoSided => true;

    /// <summary>
    /// Applies <paramref name="map"/> to each side's items on their own (its source, side-local indices and side)
    /// and puts the rows back in batch order; a batch of one side is mapped in one call and returned as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">The two sides' results cannot be stacked.</exception>
    public Tensor PerSide(ReadOnlySpan<int> items, Func<IInputSource, int[], PairSide, Tensor> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (firstPositions, firstIndices, secondPositions, secondIndices) = Split(items);
        if (secondIndices.Length == 0)
        {
            return map(First, firstIndices, PairSide.First);
        }

        if (firstIndices.Length == 0)
        {
            return map(Second, secondIndices, PairSide.Second);
        }

        using var scope = NewDisposeScope();
        var a = map(First, firstIndices, PairSide.First);
        var b = map(Second, secondIndices, PairSide.Second);
        if (!a.shape.Skip(1).SequenceEqual(b.shape.Skip(1)))
        {
            throw new InvalidOperationException(
                $"the two sides gather to tensors of shapes [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}], which cannot be stacked; embed each side on its own");
        }

        var order = tensor(firstPositions.Concat(secondPositions).ToArray(), dtype: ScalarType.Int64);
        return cat([a, b], 0).index_select(0, argsort(order)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Splits batch item indices by side: the batch positions and the side-local indices of each side, in batch order.
    /// </summary>
    public (int[] FirstPositions, int[] FirstIndices, int[] SecondPositions, int[] SecondIndices) Split(ReadOnlySpan<int> items)
    {
        var firstPositions = new List<int>();
        var firstIndices = new List<int>();
        var secondPositions = new List<int>();
        var secondIndices = new List<int>();
        for (int i = 0; i < items.Length; i++)
        {
            if (SideOf(items[i]) == PairSide.First)
            {
                firstPositions.Add(i);
                firstIndices.Add(items[i]);
            }
            else
            {
                secondPositions.Add(i);
                secondIndices.Add(items[i] - First.Count);
            }
        }

        return ([.. firstPositions], [.. firstIndices], [.. secondPositions], [.. secondIndices]);
    }
}
