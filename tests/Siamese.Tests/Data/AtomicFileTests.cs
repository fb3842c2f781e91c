using System.Diagnostics;
using Siamese.Data;

namespace Siamese.Tests.Data;

public class AtomicFileTests
{
    private static void Write(string path, string text) => AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Write_NewAndExistingFile_HoldsTheLastContentAndNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.bin");

        Write(path, "one");
        Write(path, "two");

        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(["m.bin"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_DevNull_IsRefusedAndTheDeviceStays()
    {
        // Given the null device, which a careless --output /dev/null --force would have replaced with a regular file as root
        Assert.Equal(FileType.Kind.Special, FileType.Of("/dev/null"));

        // When it is the destination
        var ex = Assert.Throws<IOException>(() => Write("/dev/null", "x"));

        // Then the write is refused and /dev/null is still a device
        Assert.Equal("/dev/null: is a device, pipe or socket, not a regular file; it is never replaced: give a file name to write", ex.Message);
        Assert.Equal(FileType.Kind.Special, FileType.Of("/dev/null"));
    }

    [Fact]
    public void Write_NamedPipe_IsRefusedWithoutBlocking()
    {
        using var folder = new TempFolder();
        string fifo = folder.File("out.siamese");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var ex = Assert.Throws<IOException>(() => AtomicFile.CheckDestination(fifo));

        Assert.Contains("not a regular file", ex.Message);
        Assert.Equal(FileType.Kind.Special, FileType.Of(fifo));
    }

    [Fact]
    public void CheckDestination_Folder_IsRefusedNamingIt()
    {
        using var folder = new TempFolder();

        var ex = Assert.Throws<IOException>(() => AtomicFile.CheckDestination(folder.Path));

        Assert.Equal($"{folder.Path}: is a folder; expected a file name to write", ex.Message);
    }

    [Fact]
    public void Write_SymbolicLinkToAFile_ReplacesTheTargetAndKeepsTheLink()
    {
        using var folder = new TempFolder();
        string target = folder.File("v1.siamese");
        string link = folder.File("latest.siamese");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        Write(link, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Write_TemporaryLeftByAKilledProcess_IsDeletedAndALiveOnesIsKept()
    {
        // Given the leftover of a writer that was killed mid-write (no process has that id) and one of a live writer
        using var folder = new TempFolder();
        string dead = folder.File($".m.siamese.{int.MaxValue - 1}.0123456789abcdef.tmp");
        string live = folder.File($".m.siamese.{Environment.ProcessId}.fedcba9876543210.tmp");
        File.WriteAllText(dead, "half");
        File.WriteAllText(live, "writing");

        // When the destination is written again
        Write(folder.File("m.siamese"), "whole");

        // Then the dead writer's temporary is gone and the live one's is left alone
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.Equal("whole", File.ReadAllText(folder.File("m.siamese")));
    }

    [Theory]
    [InlineData("/dev/null", "Special")]
    [InlineData("/tmp", "Directory")]
    [InlineData("/no/such/path", "Missing")]
    public void FileTypeOf_SystemPaths_TellsTheirKind(string path, string expected) =>
        Assert.Equal(expected, FileType.Of(path).ToString());

    [Fact]
    public void FileTypeOf_RegularFile_IsRegular()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.txt"), "a");

        Assert.Equal(FileType.Kind.Regular, FileType.Of(folder.File("a.txt")));
    }
}
