namespace Siamese.Persistence;

/// <summary>
/// Reads at most <c>limit</c> bytes of another stream, whatever its length claims: a zip entry's declared length can lie,
/// so a bundle entry is read through one of these, and memory stays bounded by what the bundle is expected to hold.
/// Asking for more once the limit is reached looks one byte further: if the inner stream has it, reading fails.
/// </summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream inner;
    private readonly Func<Exception> overrun;
    private long remaining;

    /// <param name="inner">The stream to read; disposed with this one.</param>
    /// <param name="limit">Most bytes to read.</param>
    /// <param name="overrun">Makes the exception thrown when the inner stream holds more than <paramref name="limit"/> bytes.</param>
    public BoundedReadStream(Stream inner, long limit, Func<Exception> overrun)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        this.inner = inner;
        this.overrun = overrun;
        remaining = limit;
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Throws the overrun exception unless the inner stream ends within the limit.</summary>
    public void RequireEnd()
    {
        Span<byte> probe = stackalloc byte[1];
        if (Read(probe) > 0)
        {
            throw overrun();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (remaining == 0)
        {
            Span<byte> probe = stackalloc byte[1];
            return inner.Read(probe) > 0 ? throw overrun() : 0;
        }

        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        remaining -= read;
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
