namespace Siamese.Tests.Data;

/// <summary>Writes text files with one very long line, and measures what reading them allocates.</summary>
internal static class LongLineFile
{
    /// <summary>Writes <paramref name="head"/>, <paramref name="length"/> times 'x', then <paramref name="tail"/> to <paramref name="path"/>.</summary>
    public static string Write(string path, string head, int length, string tail)
    {
        using var writer = new StreamWriter(path);
        writer.Write(head);
        writer.Write(new string('x', length));
        writer.Write(tail);
        return path;
    }

    /// <summary>The exception <paramref name="read"/> throws, and the bytes this thread allocated until then.</summary>
    public static (TException Error, long Allocated) Throws<TException>(Func<object> read)
        where TException : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TException>(read);
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
