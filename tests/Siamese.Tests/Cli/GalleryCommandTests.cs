using Siamese.Gallery;
using Siamese.Persistence;
using Siamese.Tests.Data;
using Siamese.Tests.Gallery;
using static TorchSharp.torch;

namespace Siamese.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class GalleryCommandTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    private string Boot => model.Images[0];

    private string Pullover => model.Images[1];

    private string Trouser => model.Images[2];

    private string NewGalleryPath() => Path.Combine(model.Folder, $"gallery-{Guid.NewGuid():N}.db");

    private (int ExitCode, string Output) Enroll(string gallery, string label, params string[] images) =>
        CliRunner.Run(["enroll", "--model", model.ModelPath, "--gallery", gallery, "--label", label, .. images]);

    private string BootAndPulloverGallery()
    {
        string gallery = NewGalleryPath();
        var (first, firstOutput) = Enroll(gallery, "boot", Boot);
        Assert.True(first == 0, firstOutput);
        var (second, secondOutput) = Enroll(gallery, "pullover", Pullover, Pullover);
        Assert.True(second == 0, secondOutput);
        return gallery;
    }

    [Fact]
    public void EnrollThenList_TwoLabels_StoresThemUnderThisModelsFingerprint()
    {
        // Given no gallery yet
        Assert.Equal(0, model.ExportExitCode);
        string gallery = NewGalleryPath();

        // When one boot is enrolled (creating the gallery), then two pullovers (appending), and the gallery is listed
        var (first, firstOutput) = Enroll(gallery, "boot", Boot);
        var (second, secondOutput) = Enroll(gallery, "pullover", Pullover, Pullover);
        var (list, listOutput) = CliRunner.Run("gallery", "list", "--gallery", gallery);

        // Then each enroll says what it stored, and the listing shows the model, the dimension and both labels
        Assert.True(first == 0, firstOutput);
        Assert.Contains("Stored 1 embedding of boot in new gallery", firstOutput);
        Assert.True(second == 0, secondOutput);
        Assert.Contains("Stored 2 embeddings of pullover", secondOutput);
        Assert.Contains("3 entries, 2 labels in all", secondOutput);
        Assert.True(list == 0, listOutput);
        Assert.Contains(GalleryIdentity.Of(ModelBundle.Load(model.ModelPath)).ModelFingerprint, listOutput);
        Assert.Matches(@"embedding dimension\s*│\s*16", listOutput);
        Assert.Matches(@"boot\s*│\s*1", listOutput);
        Assert.Matches(@"pullover\s*│\s*2", listOutput);
    }

    [Fact]
    public void Identify_EnrolledAndOtherImages_NamesTheEnrolledAndCallsTheOtherUnknown()
    {
        // Given a gallery of a boot and a pullover, and a strict threshold that only a copy of an enrolled image passes
        string gallery = BootAndPulloverGallery();
        string output = Path.Combine(model.Folder, $"{Guid.NewGuid():N}.tsv");

        // When the boot and a trouser (never enrolled) are identified, with results also written to a TSV
        var (code, text) = CliRunner.Run(
            "identify", "--model", model.ModelPath, "--gallery", gallery, "--threshold", "0.001", "--top", "2", "--output", output, Boot, Trouser);

        // Then the boot is named, the trouser is unknown, and the TSV holds the decisions and both candidates of each
        Assert.True(code == 0, text);
        Assert.Contains("unknown", text);
        Assert.Contains("<= 0.001 (l2; --threshold)", text);
        var rows = File.ReadAllLines(output).Select(line => line.Split('\t')).ToArray();
        Assert.Equal(["source", "decision", "label1", "score1", "label2", "score2"], rows[0]);
        Assert.Equal([Boot, "boot", "boot"], rows[1][..3]);
        Assert.True(double.Parse(rows[1][3]) < 0.001);
        Assert.Equal([Trouser, "unknown"], rows[2][..2]);
        Assert.Equal(["boot", "pullover"], new[] { rows[2][2], rows[2][4] }.Order());
    }

    [Fact]
    public void Identify_WithoutThreshold_UsesTheCalibratedOne()
    {
        // Given a gallery of a boot and a pullover
        string gallery = BootAndPulloverGallery();

        // When the pullover is identified with the model's own threshold
        var (code, text) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, Pullover);

        // Then it is named pullover (distance about 0) under the calibrated threshold
        Assert.True(code == 0, text);
        Assert.Matches(@"│\s*pullover\s*│\s*pullover", text);
        Assert.Contains("calibrated, best-accuracy", text);
    }

    [Fact]
    public void Identify_ExistingOutputWithoutForce_RefusesAndKeepsIt()
    {
        // Given a gallery and an output file already there
        string gallery = BootAndPulloverGallery();
        string output = Path.Combine(model.Folder, $"{Guid.NewGuid():N}.tsv");
        File.WriteAllText(output, "keep me");

        // When identify would write it without --force
        var (code, text) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, "--output", output, Boot);

        // Then it refuses with exit code 2 and the file is unchanged
        Assert.Equal(2, code);
        Assert.Contains("--force", text);
        Assert.Equal("keep me", File.ReadAllText(output));
    }

    [Fact]
    public void Verify_TrueAndFalseClaims_AcceptAndRejectWithExitCodeZero()
    {
        // Given a gallery of a boot and a pullover
        string gallery = BootAndPulloverGallery();

        // When the boot claims to be the boot, and the trouser claims to be the boot under a strict threshold
        var (accept, acceptText) = CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "boot", Boot);
        var (reject, rejectText) = CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "boot", "--threshold", "0.001", Trouser);

        // Then both answer with exit code 0: accept, then reject, each with the score and the threshold
        Assert.True(accept == 0, acceptText);
        Assert.Matches(@"verdict\s*│\s*accept", acceptText);
        Assert.Contains("threshold", acceptText);
        Assert.True(reject == 0, rejectText);
        Assert.Matches(@"verdict\s*│\s*reject", rejectText);
        Assert.Contains("1 enrolled entry", rejectText);
    }

    [Fact]
    public void Verify_LabelNotEnrolled_ExitsTwoNamingIt()
    {
        // Given a gallery without carol
        string gallery = BootAndPulloverGallery();

        // When carol is claimed
        var (code, text) = CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "carol", Boot);

        // Then it is bad input naming the gallery and the label
        Assert.Equal(2, code);
        Assert.Contains($"error: {gallery}: no entries are labelled 'carol'", text);
    }

    [Fact]
    public void EnrollIdentifyVerify_AnotherModelsGallery_RefuseAndLeaveItUntouched()
    {
        // Given a gallery made by another model of the same shape
        string gallery = NewGalleryPath();
        var other = new GalleryIdentity(new string('7', 64), 16, "l2");
        using (var store = GalleryStore.Create(gallery, other, overwrite: false))
        {
            store.Add("theirs", [new float[16]], ["theirs.png"]);
        }

        byte[] before = File.ReadAllBytes(gallery);

        // When this model enrolls into it, identifies and verifies against it
        var (enroll, enrollText) = Enroll(gallery, "boot", Boot);
        var (identify, identifyText) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, Boot);
        var (verify, verifyText) = CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "theirs", Boot);

        // Then each refuses with exit code 2 and one line naming the file and both fingerprints, and the file is unchanged
        string fingerprint = GalleryIdentity.Of(ModelBundle.Load(model.ModelPath)).ModelFingerprint;
        string expected = $"error: {gallery}: made by another model (fingerprint 77777777…, this model is {fingerprint[..8]}…); "
            + "enroll again with this model or use the model that made it";
        AssertEachRefused(expected, (enroll, enrollText), (identify, identifyText), (verify, verifyText));
        Assert.Equal(before, File.ReadAllBytes(gallery));
    }

    [Fact]
    public void EnrollNew_ExistingGallery_NeedsForceAndThenReplacesIt()
    {
        // Given a gallery with two labels
        string gallery = BootAndPulloverGallery();

        // When --new is given without --force, then with it
        var (refused, refusedText) = CliRunner.Run("enroll", "--model", model.ModelPath, "--gallery", gallery, "--label", "trouser", "--new", Trouser);
        int labelsAfterRefusal = LabelCount(gallery);
        var (replaced, replacedText) = CliRunner.Run("enroll", "--model", model.ModelPath, "--gallery", gallery, "--label", "trouser", "--new", "--force", Trouser);

        // Then the first is refused and changes nothing, the second leaves a gallery holding only the trouser
        Assert.Equal(2, refused);
        Assert.Contains("use --new --force to replace it", refusedText);
        Assert.Equal(2, labelsAfterRefusal);
        Assert.True(replaced == 0, replacedText);
        using var store = GalleryStore.Open(gallery, readOnly: true);
        Assert.Equal([new GalleryLabelCount("trouser", 1)], store.Labels());
    }

    [Fact]
    public void Enroll_MissingImage_ExitsTwoAndCreatesNoGallery()
    {
        // Given no gallery and an image path that does not exist
        string gallery = NewGalleryPath();
        string missing = Path.Combine(model.Folder, "no-such-image.png");

        // When it is enrolled
        var (code, text) = Enroll(gallery, "ghost", Boot, missing);

        // Then it is bad input, and no gallery (nor any temporary file) appears
        Assert.Equal(2, code);
        Assert.Contains("no-such-image.png", text);
        Assert.False(File.Exists(gallery));
        Assert.Empty(Directory.GetFiles(model.Folder, "*.tmp"));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("text")]
    public void IdentifyAndList_NotAGallery_ExitTwoWithOneLine(string kind)
    {
        // Given a file that is not a gallery
        string gallery = NewGalleryPath();
        if (kind == "random")
        {
            var bytes = new byte[4096];
            new Random(2).NextBytes(bytes);
            File.WriteAllBytes(gallery, bytes);
        }
        else
        {
            File.WriteAllText(gallery, "label,embedding\nalice,0.1 0.2\n");
        }

        // When it is searched and listed
        var (identify, identifyText) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, Boot);
        var (list, listText) = CliRunner.Run("gallery", "list", "--gallery", gallery);

        // Then both fail with exit code 2 and the same one-line error
        Assert.Equal(2, identify);
        Assert.Equal(2, list);
        Assert.Equal($"error: {gallery}: not a Siamese gallery (not an SQLite database)", identifyText.Trim());
        Assert.Equal(identifyText, listText);
    }

    [Fact]
    public void Identify_MissingGallery_ExitsTwo()
    {
        // Given a gallery path with no file
        string gallery = NewGalleryPath();

        // When it is searched
        var (code, text) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, Boot);

        // Then it says so, and creates nothing
        Assert.Equal(2, code);
        Assert.Equal($"error: {gallery}: gallery file not found", text.Trim());
        Assert.False(File.Exists(gallery));
    }

    [Fact]
    public void GalleryRemove_EnrolledThenMissingLabel_RemovesOnceThenExitsTwo()
    {
        // Given a gallery with two pullovers and a boot
        string gallery = BootAndPulloverGallery();

        // When pullover is removed twice
        var (first, firstText) = CliRunner.Run("gallery", "remove", "--gallery", gallery, "--label", "pullover");
        var (second, secondText) = CliRunner.Run("gallery", "remove", "--gallery", gallery, "--label", "pullover");

        // Then the first removes its 2 entries, the second is bad input
        Assert.True(first == 0, firstText);
        Assert.Contains("Removed 2 entries of pullover", firstText);
        Assert.Contains("now holds 1 entry.", firstText);
        Assert.Equal(2, second);
        Assert.Contains("no entries are labelled 'pullover'", secondText);
        Assert.Equal(1, LabelCount(gallery));
    }

    [Theory]
    [InlineData("enroll", "--gallery", "g.db", "a.png")]
    [InlineData("enroll", "--gallery", "g.db", "--label", "unknown", "a.png")]
    [InlineData("enroll", "--gallery", "g.db", "--label", "x", "--force", "a.png")]
    [InlineData("enroll", "--label", "x", "a.png")]
    [InlineData("enroll", "--gallery", "g.db", "--label", "x")]
    [InlineData("identify", "--gallery", "g.db")]
    [InlineData("identify", "--gallery", "g.db", "--top", "0", "a.png")]
    [InlineData("identify", "a.png")]
    [InlineData("verify", "--gallery", "g.db", "a.png")]
    [InlineData("gallery", "list")]
    [InlineData("gallery", "remove", "--gallery", "g.db")]
    public void GalleryVerbs_InvalidOptions_ExitTwoBeforeTouchingFiles(params string[] args)
    {
        // Given options that cannot work
        // When run
        var (code, text) = CliRunner.Run(args);

        // Then exit code 2 with an error line, and no gallery appears
        Assert.Equal(2, code);
        Assert.Contains("error:", text);
        Assert.False(File.Exists("g.db"));
    }

    [Fact]
    public void ListEnrollIdentifyVerify_HandMadeGalleryWithANullLabel_ExitTwoNamingTheEntryAndColumn()
    {
        // Given a gallery of this model made by hand with a schema lacking NOT NULL, holding an entry without a label
        string gallery = NewGalleryPath();
        var identity = GalleryIdentity.Of(ModelBundle.Load(model.ModelPath));
        GalleryStoreTests.HandMade(gallery, identity);
        GalleryStoreTests.Execute(gallery, "INSERT INTO entries VALUES (7, NULL, 'x.png', zeroblob(64), 't')");
        byte[] before = File.ReadAllBytes(gallery);

        // When it is listed, enrolled into, searched and checked against
        var runs = new[]
        {
            CliRunner.Run("gallery", "list", "--gallery", gallery),
            Enroll(gallery, "boot", Boot),
            CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, Boot),
            CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "boot", Boot),
        };

        // Then each exits with 2 and one line naming the file, the entry and the column, and the file is unchanged
        AssertEachRefused($"error: {gallery}: entry 7: the label is NULL (expected text); the gallery is damaged", runs);

        Assert.Equal(before, File.ReadAllBytes(gallery));
    }

    [Fact]
    public void Enroll_GalleryWithATriggerThatDeletesEntries_ExitsTwoAndLeavesItUntouched()
    {
        // Given a gallery of this model given a trigger that deletes every entry as one is added
        string gallery = BootAndPulloverGallery();
        GalleryStoreTests.Execute(gallery, "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END");
        byte[] before = File.ReadAllBytes(gallery);

        // When a trouser is enrolled into it, and the gallery listed
        var (enroll, enrollText) = Enroll(gallery, "trouser", Trouser);
        var (list, listText) = CliRunner.Run("gallery", "list", "--gallery", gallery);

        // Then both refuse the file as holding code, and it is byte for byte what it was
        string expected = $"error: {gallery}: holds the trigger 'wipe'; a gallery is data only and Siamese makes no triggers or views, "
            + "so this file was not made by Siamese and is refused";
        AssertEachRefused(expected, (enroll, enrollText), (list, listText));
        Assert.Equal(before, File.ReadAllBytes(gallery));
    }

    [Fact]
    public void GalleryVerbs_FolderAsGallery_SayItIsAFolderAndAFileIsExpected()
    {
        // Given an empty folder named as the gallery
        string folder = NewGalleryPath();
        Directory.CreateDirectory(folder);

        // When every gallery verb is given it
        var runs = new[]
        {
            Enroll(folder, "boot", Boot),
            CliRunner.Run("enroll", "--model", model.ModelPath, "--gallery", folder, "--label", "boot", "--new", "--force", Boot),
            CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", folder, Boot),
            CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", folder, "--label", "boot", Boot),
            CliRunner.Run("gallery", "list", "--gallery", folder),
            CliRunner.Run("gallery", "remove", "--gallery", folder, "--label", "boot"),
        };

        // Then each exits with 2 saying it is a folder, and the folder stays empty
        AssertEachRefused($"error: {folder}: is a folder; a gallery file is expected (e.g. gallery.db inside it)", runs);

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Enroll_ModelGivingNaN_ExitsTwoAndCreatesNoGallery()
    {
        // Given a copy of the model whose weights are all NaN, and no gallery
        using var temp = new TempFolder();
        var bundle = ModelBundle.Load(model.ModelPath);
        using (no_grad())
        {
            foreach (var parameter in bundle.Network.parameters())
            {
                parameter.fill_(float.NaN);
            }
        }

        string broken = temp.File("nan.siamese");
        bundle.Save(broken, overwrite: false);
        string gallery = temp.File("g.db");

        // When an image is enrolled with it
        var (code, text) = CliRunner.Run("enroll", "--model", broken, "--gallery", gallery, "--label", "boot", Boot);

        // Then it is bad input on one line without internal names, and no gallery (nor a temporary file) appears
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", text);
        Assert.Single(text.Trim().Split('\n'));
        Assert.DoesNotContain("(Parameter", text);
        Assert.Equal(["nan.siamese"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void IdentifyVerifyList_GalleryInAReadOnlyFolder_AnswerAndWriteNothing()
    {
        // Given a gallery of a boot and a pullover, copied into a folder then made read-only, as in a read-only
        // deployment (file modes; for root, which ignores them, also the immutable attribute)
        using var temp = new TempFolder();
        string gallery = temp.File("gallery.db");
        File.Copy(BootAndPulloverGallery(), gallery);
        byte[] bytes = File.ReadAllBytes(gallery);
        var modified = File.GetLastWriteTimeUtc(gallery);
        using var readOnly = new ReadOnlyFolder(temp.Path);

        // When the read-only verbs use it
        var (identify, identifyText) = CliRunner.Run("identify", "--model", model.ModelPath, "--gallery", gallery, "--threshold", "0.001", Boot);
        var (verify, verifyText) = CliRunner.Run("verify", "--model", model.ModelPath, "--gallery", gallery, "--label", "pullover", Pullover);
        var (list, listText) = CliRunner.Run("gallery", "list", "--gallery", gallery);

        // Then each answers (exit code 0, the boot named, the pullover accepted, both labels listed)
        Assert.True(identify == 0, identifyText);
        Assert.Matches(@"│\s*boot\s*│\s*boot", identifyText);
        Assert.True(verify == 0, verifyText);
        Assert.Matches(@"verdict\s*│\s*accept", verifyText);
        Assert.True(list == 0, listText);
        Assert.Matches(@"pullover\s*│\s*2", listText);

        // And none wrote anything: no -journal, -wal or -shm file, the same bytes, the same modification time. Only
        // when readOnly.RefusesWrites is false (root on a file system without chattr) does this test not show that a
        // read-only folder works; these checks still show that reading writes nothing.
        Assert.Equal(["gallery.db"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal(bytes, File.ReadAllBytes(gallery));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(gallery));
    }

    [Fact]
    public void Enroll_SeveralProcessesAtOnce_LoseNoEntry()
    {
        // Given three rounds, each of three enroll processes started together on one gallery that does not exist yet:
        // they race to create it, then to add to it (each process takes a second or two to start, so they overlap)
        const int rounds = 3, processes = 3;
        for (int round = 0; round < rounds; round++)
        {
            string gallery = NewGalleryPath();
            var runs = Enumerable.Range(0, processes)
                .Select(i => CliProcess.Start(["enroll", "--model", model.ModelPath, "--gallery", gallery, "--label", $"p{round}-{i}", Boot, Pullover]))
                .ToArray();

            // When they all end
            var results = runs.Select(run => run.WaitForExit(TimeSpan.FromMinutes(2))).ToArray();
            foreach (var run in runs)
            {
                run.Dispose();
            }

            // Then every one succeeded and the gallery holds both entries of every label
            foreach (var (code, output, error) in results)
            {
                Assert.True(code == 0, $"round {round}: exit code {code}: {output}{error}");
            }

            using var store = GalleryStore.Open(gallery, readOnly: true);
            Assert.Equal(Enumerable.Range(0, processes).Select(i => new GalleryLabelCount($"p{round}-{i}", 2)), store.Labels());
        }
    }

    /// <summary>Each run exited with 2 (bad input) and printed exactly <paramref name="expected"/>.</summary>
    private static void AssertEachRefused(string expected, params (int ExitCode, string Output)[] runs)
    {
        foreach (var (code, text) in runs)
        {
            Assert.Equal(2, code);
            Assert.Equal(expected, text.Trim());
        }
    }

    private static int LabelCount(string gallery)
    {
        using var store = GalleryStore.Open(gallery, readOnly: true);
        return store.Labels().Count;
    }
}
