namespace Siamese.Data;

/// <summary>The two parts of Fashion-MNIST as published.</summary>
public enum FashionMnistSplit
{
    /// <summary>The 60,000 training images (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz).</summary>
    Train,

    /// <summary>The 10,000 test images (t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz).</summary>
    Test,
}
