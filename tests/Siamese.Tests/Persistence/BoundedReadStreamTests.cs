using Siamese.Persistence;

namespace Siamese.Tests.Persistence;

public sealed class BoundedReadStreamTests
{
    /// <summary>An endless stream of zeros that counts the bytes taken from it.</summary>
    private sealed class EndlessZeros : Stream
    {
        public long Taken { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Taken;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Taken += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void CopyTo_SourceLongerThanTheLimit_ThrowsTheOverrunHavingTakenOneByteMore()
    {
        // Given an endless source read through a 1000-byte bound
        var source = new EndlessZeros();
        using var bounded = new BoundedReadStream(source, 1000, () => new InvalidDataException("too long"));

        // When it is read to its end, then the overrun is thrown, and the source gave the limit and one probe byte only
        var ex = Assert.Throws<InvalidDataException>(() => bounded.CopyTo(Stream.Null));
        Assert.Equal("too long", ex.Message);
        Assert.Equal(1001, source.Taken);
        Assert.Equal(1000, bounded.BytesRead);
    }

    [Fact]
    public void Read_SourceOfExactlyTheLimit_ReadsItAllAndEndsCleanly()
    {
        // Given a 1000-byte source read through a 1000-byte bound
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var bounded = new BoundedReadStream(new MemoryStream(bytes), 1000, () => new InvalidDataException("too long"));

        // When it is copied, then every byte comes through, and the end is the end
        var copy = new MemoryStream();
        bounded.CopyTo(copy);
        bounded.RequireEnd();
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public void RequireEnd_SourceWithMoreThanWasRead_Throws()
    {
        // Given a source of 20 bytes bounded at 10, of which 10 were read
        using var bounded = new BoundedReadStream(new MemoryStream(new byte[20]), 10, () => new InvalidDataException("too long"));
        Assert.Equal(10, bounded.Read(new byte[10], 0, 10));

        // When the end is required, then the overrun is thrown
        Assert.Throws<InvalidDataException>(bounded.RequireEnd);
    }

    [Fact]
    public void Read_SourceShorterThanTheLimit_EndsWhereTheSourceEnds()
    {
        // Given a 5-byte source bounded at 10
        using var bounded = new BoundedReadStream(new MemoryStream(new byte[5]), 10, () => new InvalidDataException("too long"));

        // When it is read, then 5 bytes come and then the end
        Assert.Equal(5, bounded.Read(new byte[10], 0, 10));
        Assert.Equal(0, bounded.Read(new byte[10], 0, 10));
        Assert.Equal(5, bounded.BytesRead);
    }
}
