namespace Siamese.Data;

/// <summary>What a path names once links are followed, as <see cref="NativeFileSystem.KindOf"/> finds it without opening it.</summary>
internal enum FileKind
{
    /// <summary>Nothing: the path, or a folder on it, does not exist (or a link leads nowhere).</summary>
    Missing,

    /// <summary>An ordinary file, the only kind the readers open.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A named pipe (FIFO): opening it for reading waits for a writer, possibly for ever.</summary>
    NamedPipe,

    /// <summary>A character device such as /dev/zero or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device such as a disk.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>The system could not say (for example a folder on the path may not be searched).</summary>
    Unknown,
}
