namespace Siamese.Encoders;

/// <summary>How a <see cref="TextEncoderSpec"/> turns the per-word outputs of its sequence model into one vector. Padding never takes part.</summary>
public enum TextPooling
{
    /// <summary>The mean over the real words.</summary>
    Mean,

    /// <summary>The element-wise maximum over the real words.</summary>
    Max,

    /// <summary>The final hidden state of each direction of the last layer (recurrent kinds only).</summary>
    Last,
}
