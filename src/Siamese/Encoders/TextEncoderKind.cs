namespace Siamese.Encoders;

/// <summary>The sequence model of a <see cref="TextEncoderSpec"/>.</summary>
public enum TextEncoderKind
{
    /// <summary>A (bidirectional) LSTM over the word vectors.</summary>
    Lstm,

    /// <summary>A (bidirectional) GRU over the word vectors.</summary>
    Gru,

    /// <summary>1-D convolutions over the word vectors (Kim 2014), one per kernel size, then ReLU.</summary>
    Cnn,
}
