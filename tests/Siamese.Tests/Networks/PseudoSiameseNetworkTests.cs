using Siamese.Distances;
using Siamese.Engine;
using Siamese.Inputs;
using Siamese.Networks;
using Siamese.Tests.Text;
using Siamese.Text;
using Siamese.Training;
using TorchSharp;
using static Siamese.Tests.Text.SmallTextModels;
using static TorchSharp.torch;

namespace Siamese.Tests.Networks;

[Collection(LiveTensorCollection.Name)]
public class PseudoSiameseNetworkTests
{
    private static Tensor Ids(IReadOnlyList<string> texts, HashingTokenizer tokenizer) =>
        new TextInputSource(texts, tokenizer).Gather(Enumerable.Range(0, texts.Count).ToArray());

    private static Tensor?[] Gradients(nn.Module module) => module.parameters().Select(p => p.grad?.clone()).ToArray();

    private static bool IsZeroOrNone(Tensor? gradient) => gradient is null || gradient.abs().max().item<float>() == 0;

    [Fact]
    public void Parameters_PseudoSiamese_AreTwoDisjointSets()
    {
        // Given a pseudo-Siamese network (LSTM first branch, CNN second branch) and a twin over the same LSTM spec
        var pseudo = Pseudo();
        var twin = Twin();

        // Then the pseudo-Siamese network owns both encoders' parameters, none of them shared
        Assert.True(pseudo.IsPseudoSiamese);
        Assert.NotNull(pseudo.SecondEncoder);
        Assert.Same(pseudo.Encoder, pseudo.EncoderFor(PairSide.First));
        Assert.Same(pseudo.SecondEncoder, pseudo.EncoderFor(PairSide.Second));
        var first = pseudo.Encoder.parameters().Select(p => p.Handle).ToHashSet();
        var second = pseudo.SecondEncoder!.parameters().Select(p => p.Handle).ToHashSet();
        Assert.Empty(first.Intersect(second));
        Assert.Equal(first.Count + second.Count, pseudo.parameters().Count());
        Assert.True(pseudo.parameters().All(p => first.Contains(p.Handle) || second.Contains(p.Handle)));

        // And the twin has one encoder for both sides and only its parameters
        Assert.False(twin.IsPseudoSiamese);
        Assert.Null(twin.SecondEncoder);
        Assert.Same(twin.Encoder, twin.EncoderFor(PairSide.Second));
        Assert.Equal(twin.Encoder.parameters().Count(), twin.parameters().Count());
    }

    [Fact]
    public void OptimizerStep_LossOfFirstSideOnly_ChangesOnlyTheFirstEncoder()
    {
        // Given two encoders built from one spec and one seed, so that they start with equal weights
        var tokenizer = Tokenizer();
        TorchEngine.Seed(5);
        var a = Lstm.Build();
        TorchEngine.Seed(5);
        var b = Lstm.Build();
        var network = new TwinNetwork(a, b, new CosineSimilarity());
        var before = network.SecondEncoder!.parameters().Select(p => TensorTestData.ToArray(p)).ToArray();
        Assert.Equal(TensorTestData.ToArray(a.parameters().First()), TensorTestData.ToArray(b.parameters().First()));

        // When an SGD step follows a loss built from first-side embeddings only
        using var scope = NewDisposeScope();
        using var optimizer = optim.SGD(network.parameters(), 0.5);
        var (left, _) = network.EmbedPair(Ids(Titles[..4], tokenizer), Ids(Bodies, tokenizer));
        left.sum().backward();
        optimizer.step();

        // Then the first encoder moved and the second kept every weight bit for bit (nothing is shared, not even storage)
        Assert.NotEqual(TensorTestData.ToArray(a.parameters().First()), TensorTestData.ToArray(b.parameters().First()));
        var after = network.SecondEncoder!.parameters().Select(p => TensorTestData.ToArray(p)).ToArray();
        for (int k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k], after[k]);
        }
    }

    [Theory]
    [InlineData(PairSide.First)]
    [InlineData(PairSide.Second)]
    public void Backward_LossOfOneSideOnly_GivesTheOtherEncoderNoGradient(PairSide side)
    {
        // Given a pseudo-Siamese network and a batch of 4 pairs
        var network = Pseudo();
        var tokenizer = Tokenizer();
        using var scope = NewDisposeScope();
        var (left, right) = network.EmbedPair(Ids(Titles[..4], tokenizer), Ids(Bodies, tokenizer));

        // When a loss of one side's embeddings only is back-propagated
        var weights = TensorTestData.ToTensor(TensorTestData.RandomMatrix(4, Dimension, seed: 3));
        ((side == PairSide.First ? left : right) * weights).sum().backward();

        // Then that side's encoder has non-zero gradients and the other encoder none (or zeros)
        var live = network.EncoderFor(side);
        var other = network.EncoderFor(side == PairSide.First ? PairSide.Second : PairSide.First);
        Assert.Contains(Gradients(live), g => !IsZeroOrNone(g));
        Assert.All(Gradients(other), g => Assert.True(IsZeroOrNone(g)));
    }

    [Fact]
    public void Backward_PairLoss_EachBranchGetsExactlyItsOwnSidesGradient()
    {
        // Given a pseudo-Siamese network and 4 pairs scored by cosine
        var network = Pseudo();
        var tokenizer = Tokenizer();
        using var scope = NewDisposeScope();
        var x1 = Ids(Titles[..4], tokenizer);
        var x2 = Ids(Bodies, tokenizer);

        // When the summed pair scores are back-propagated through the network
        network.forward(x1, x2).sum().backward();
        var firstGrad = Gradients(network.Encoder);
        var secondGrad = Gradients(network.SecondEncoder!);

        // Then the first encoder's gradient is the one with the second side held fixed, and vice versa
        network.zero_grad();
        network.Distance.Paired(network.Encoder.forward(x1), network.SecondEncoder!.forward(x2).detach()).sum().backward();
        var firstAlone = Gradients(network.Encoder);
        network.zero_grad();
        network.Distance.Paired(network.Encoder.forward(x1).detach(), network.SecondEncoder!.forward(x2)).sum().backward();
        var secondAlone = Gradients(network.SecondEncoder!);
        for (int k = 0; k < firstGrad.Length; k++)
        {
            Assert.True(firstGrad[k]!.allclose(firstAlone[k]!, rtol: 1e-4, atol: 1e-7), $"first encoder parameter {k}");
        }

        for (int k = 0; k < secondGrad.Length; k++)
        {
            Assert.True(secondGrad[k]!.allclose(secondAlone[k]!, rtol: 1e-4, atol: 1e-7), $"second encoder parameter {k}");
        }

        Assert.Contains(firstGrad, g => !IsZeroOrNone(g));
        Assert.Contains(secondGrad, g => !IsZeroOrNone(g));
    }

    [Fact]
    public void Backward_TwinOverTwoSidedItems_AccumulatesBothSidesGradientsInTheOneEncoder()
    {
        // Given a twin text network and 4 title/body pairs as items of a two-sided source (bodies from item 5)
        var network = Twin();
        var tokenizer = Tokenizer();
        var sides = new TwoSidedInputSource(new TextInputSource(Titles, tokenizer), new TextInputSource(Bodies, tokenizer));
        using var scope = NewDisposeScope();

        // When the summed pair scores over EmbedItems are back-propagated
        var embedded = network.EmbedItems(sides, [0, 1, 2, 3, 5, 6, 7, 8]);
        network.Distance.Paired(embedded.narrow(0, 0, 4), embedded.narrow(0, 4, 4)).sum().backward();
        var together = Gradients(network.Encoder);

        // Then the gradient is the sum of the gradients of each side taken with the other side held fixed
        var x1 = Ids(Titles[..4], tokenizer);
        var x2 = Ids(Bodies, tokenizer);
        network.zero_grad();
        network.Distance.Paired(network.Encoder.forward(x1), network.Encoder.forward(x2).detach()).sum().backward();
        var firstSide = Gradients(network.Encoder);
        network.zero_grad();
        network.Distance.Paired(network.Encoder.forward(x1).detach(), network.Encoder.forward(x2)).sum().backward();
        var secondSide = Gradients(network.Encoder);
        for (int k = 0; k < together.Length; k++)
        {
            Assert.True(together[k]!.allclose(firstSide[k]! + secondSide[k]!, rtol: 1e-4, atol: 1e-7), $"parameter {k}");
        }

        Assert.Contains(firstSide, g => !IsZeroOrNone(g));
        Assert.Contains(secondSide, g => !IsZeroOrNone(g));
    }

    [Fact]
    public void Constructor_SameModuleTwiceOrNull_Throws()
    {
        TorchEngine.EnsureInitialized();
        var encoder = Lstm.Build();
        var ex = Assert.Throws<ArgumentException>(() => new TwinNetwork(encoder, encoder, new CosineSimilarity()));
        Assert.Equal("secondEncoder", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => new TwinNetwork(encoder, null!, new CosineSimilarity()));
    }

    [Fact]
    public void EmbedTogether_PseudoSiamese_Throws()
    {
        // Given a pseudo-Siamese network, whose branches cannot share one pass
        var network = Pseudo();
        var tokenizer = Tokenizer();
        using var scope = NewDisposeScope();
        var x = Ids(Titles[..2], tokenizer);

        // Then embedding branches together is refused
        Assert.Throws<InvalidOperationException>(() => network.EmbedTogether(x, x));
        Assert.Throws<InvalidOperationException>(() => network.EmbedTriplet(x, x, x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmbedItems_InterleavedSides_GivesRowsInBatchOrderAsEachSideEmbedsAlone(bool pseudo)
    {
        // Given 5 titles (items 0-4) and 4 bodies (items 5-8), which pad to different widths, and a batch mixing them
        var network = pseudo ? Pseudo() : Twin();
        var tokenizer = Tokenizer();
        var sides = TextSides(tokenizer);
        int[] items = [6, 0, 8, 3, 5, 1, 7, 4, 2, 6];

        // When the items are embedded together, in evaluation mode without gradients
        network.eval();
        float[] rows;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var embedded = network.EmbedItems(sides, items);
            Assert.Equal(new long[] { items.Length, Dimension }, embedded.shape);
            rows = TensorTestData.ToArray(embedded);
        }

        // Then row r is item r's text embedded alone through its side's branch
        for (int r = 0; r < items.Length; r++)
        {
            var side = sides.SideOf(items[r]);
            string text = side == PairSide.First ? Titles[items[r]] : Bodies[items[r] - Titles.Length];
            var expected = EmbedAlone(network, tokenizer, text, side);
            AssertRowsClose(expected, rows.AsSpan(r * Dimension, Dimension).ToArray(), because: $"row {r} (item {items[r]})");
        }

        // And for the pseudo-Siamese network the second-side rows are not what the first branch would give
        if (pseudo)
        {
            var wrongBranch = EmbedAlone(network, tokenizer, Bodies[1], PairSide.First);
            var actual = rows.AsSpan(0, Dimension).ToArray();
            Assert.True(wrongBranch.Zip(actual, (u, v) => Math.Abs(u - v)).Max() > 1e-3);
        }
    }

    [Theory]
    [InlineData(PairSide.First)]
    [InlineData(PairSide.Second)]
    public void EmbedItems_OneSideOnly_GoesThroughThatSidesBranch(PairSide side)
    {
        // Given a batch of items of one side only
        var network = Pseudo();
        var tokenizer = Tokenizer();
        var sides = TextSides(tokenizer);
        int[] local = [2, 0, 3];
        int[] items = local.Select(i => sides.ItemOf(side, i)).ToArray();
        var texts = side == PairSide.First ? Titles : Bodies;

        // When embedded
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rows = TensorTestData.ToArray(network.EmbedItems(sides, items));

        // Then each row is that side's branch on the item's text
        for (int r = 0; r < local.Length; r++)
        {
            AssertRowsClose(EmbedAlone(network, tokenizer, texts[local[r]], side), rows.AsSpan(r * Dimension, Dimension).ToArray(), because: $"row {r}");
        }
    }

    [Fact]
    public void EmbedItems_PlainSource_ThrowsForPseudoSiameseAndUsesTheEncoderForATwin()
    {
        // Given a plain (one-sided) text source
        var tokenizer = Tokenizer();
        var plain = new TextInputSource(Titles, tokenizer);
        var pseudo = Pseudo();
        var twin = Twin();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // Then a pseudo-Siamese network cannot tell the items' sides and refuses
        Assert.Throws<InvalidOperationException>(() => pseudo.EmbedItems(plain, [0, 1]));

        // And a twin embeds them with its encoder
        twin.eval();
        var embedded = twin.EmbedItems(plain, [3, 1]);
        Assert.True(embedded.allclose(twin.Encoder.forward(plain.Gather([3, 1])), atol: 1e-6));
    }

    [Fact]
    public void EmbedAndCompare_PseudoSiamese_UseEachSidesBranch()
    {
        // Given 4 titles and 4 bodies
        var network = Pseudo();
        var tokenizer = Tokenizer();
        using var scope = NewDisposeScope();
        var x1 = Ids(Titles[..4], tokenizer);
        var x2 = Ids(Bodies, tokenizer);

        // When bodies are embedded as second-side inputs in chunks of 3, and the pairs compared
        var bodies = TensorTestData.ToArray(network.Embed(x2, PairSide.Second, chunkSize: 3));
        var scores = TensorTestData.ToArray(network.Compare(x1, x2));

        // Then the embeddings are the second branch's, and each score is the cosine of the two branches' embeddings
        Assert.True(network.training);
        for (int i = 0; i < 4; i++)
        {
            var body = EmbedAlone(network, tokenizer, Bodies[i], PairSide.Second);
            AssertRowsClose(body, bodies.AsSpan(i * Dimension, Dimension).ToArray(), because: $"body {i}");
            var title = EmbedAlone(network, tokenizer, Titles[i], PairSide.First);
            double expected = TensorTestData.OracleScore("cosine", Array.ConvertAll(title, v => (double)v), Array.ConvertAll(body, v => (double)v));
            Assert.Equal(expected, scores[i], 5);
        }
    }

    [Fact]
    public void EmbedItems_ManyCalls_KeepsLiveTensorCountFlat()
    {
        // Given a pseudo-Siamese network and a two-sided text source, made before counting, on a fresh thread
        long before = 0, after = 0;
        FreshThread.Run(() =>
        {
            var network = Pseudo();
            var sides = TextSides(Tokenizer());
            before = TorchEngine.LiveTensorCount;

            // When mixed batches are embedded 20 times with gradients and 20 times without, each result disposed
            for (int i = 0; i < 20; i++)
            {
                using var withGrad = network.EmbedItems(sides, [6, 0, 8, 3, 5]);
                using (no_grad())
                using (var withoutGrad = network.EmbedItems(sides, [1, 7], forComparison: true))
                {
                }
            }

            after = TorchEngine.LiveTensorCount;
        });

        // Then no intermediate tensor outlives its call
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    private static TwoSidedInputSource TextSides(HashingTokenizer tokenizer) =>
        new(new TextInputSource(Titles, tokenizer), new TextInputSource(Bodies, tokenizer));
}
