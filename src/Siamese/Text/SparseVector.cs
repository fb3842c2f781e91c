using System.Collections.ObjectModel;

namespace Siamese.Text;

/// <summary>
/// An immutable sparse vector of doubles: the indices of its stored entries in strictly increasing order and their
/// values; every other entry is 0. Produced by <see cref="TfIdfVectorizer.Transform(IReadOnlyList{string})"/>.
/// </summary>
public sealed class SparseVector
{
    private readonly int[] indices;
    private readonly double[] values;

    /// <summary>Creates a sparse vector from its stored entries, which are copied.</summary>
    /// <param name="dimension">Length of the dense vector this represents; at least 0.</param>
    /// <param name="indices">Indices of the stored entries, strictly increasing, each in [0, <paramref name="dimension"/>).</param>
    /// <param name="values">Value of each stored entry, paired with <paramref name="indices"/>; finite.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, an index is out of range or not greater than the one before, or a value is NaN or infinite.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is negative.</exception>
    public SparseVector(int dimension, IReadOnlyList<int> indices, IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (indices.Count != values.Count)
        {
            throw new ArgumentException($"indices and values must have the same length, got {indices.Count} and {values.Count}", nameof(values));
        }

        this.indices = [.. indices];
        this.values = [.. values];
        double sumOfSquares = 0;
        for (int i = 0; i < this.indices.Length; i++)
        {
            int index = this.indices[i];
            if (index < 0 || index >= dimension)
            {
                throw new ArgumentException($"indices[{i}] is {index}, outside [0, {dimension})", nameof(indices));
            }

            if (i > 0 && index <= this.indices[i - 1])
            {
                throw new ArgumentException($"indices must be strictly increasing, but indices[{i}] = {index} follows {this.indices[i - 1]}", nameof(indices));
            }

            if (!double.IsFinite(this.values[i]))
            {
                throw new ArgumentException($"values[{i}] is {this.values[i]}; every value must be finite", nameof(values));
            }

            sumOfSquares += this.values[i] * this.values[i];
        }

        Dimension = dimension;
        Indices = Array.AsReadOnly(this.indices);
        Values = Array.AsReadOnly(this.values);
        Norm = Math.Sqrt(sumOfSquares);
    }

    /// <summary>Length of the dense vector this represents.</summary>
    public int Dimension { get; }

    /// <summary>Indices of the stored entries, strictly increasing.</summary>
    public ReadOnlyCollection<int> Indices { get; }

    /// <summary>Values of the stored entries, paired with <see cref="Indices"/>.</summary>
    public ReadOnlyCollection<double> Values { get; }

    /// <summary>Number of stored entries.</summary>
    public int Count => indices.Length;

    /// <summary>Euclidean (L2) norm; 0 for a vector with no non-zero entry.</summary>
    public double Norm { get; }

    /// <summary>The entry at <paramref name="index"/>: its stored value, or 0 when it is not stored.</summary>
    /// <param name="index">Index in [0, <see cref="Dimension"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Dimension"/>).</exception>
    public double this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Dimension);
            int at = Array.BinarySearch(indices, index);
            return at >= 0 ? values[at] : 0;
        }
    }

    /// <summary>Dot product with <paramref name="other"/>, by merging the two sorted index lists.</summary>
    /// <param name="other">A vector of the same <see cref="Dimension"/>.</param>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public double Dot(SparseVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimension != Dimension)
        {
            throw new ArgumentException($"dimensions differ: {Dimension} and {other.Dimension}", nameof(other));
        }

        double sum = 0;
        int i = 0, j = 0;
        while (i < indices.Length && j < other.indices.Length)
        {
            int a = indices[i], b = other.indices[j];
            if (a == b)
            {
                sum += values[i++] * other.values[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
