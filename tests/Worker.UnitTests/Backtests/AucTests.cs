using Worker.Backtests;

namespace Worker.UnitTests.Backtests;

public class AucTests
{
    [Fact]
    public void A_hand_computed_example_with_a_tie()
    {
        // Bads at 0.9 and 0.4, goods at 0.4, 0.2 and 0.1: of the 6 (bad, good) pairs, 5 are ordered right and 1 is tied.
        var auc = Auc.Of([(0.9, true), (0.4, true), (0.4, false), (0.2, false), (0.1, false)]);

        Assert.Equal(5.5 / 6, auc!.Value, 12);
    }

    [Fact]
    public void Perfect_reversed_and_undefined()
    {
        Assert.Equal(1.0, Auc.Of([(0.8, true), (0.1, false)]));
        Assert.Equal(0.0, Auc.Of([(0.1, true), (0.8, false)]));
        Assert.Null(Auc.Of([(0.1, true), (0.8, true)]));
        Assert.Null(Auc.Of([]));
    }

    [Fact]
    public void Copying_every_decision_leaves_the_auc_unchanged()
    {
        (double, bool)[] once = [(0.9, true), (0.3, false), (0.5, true), (0.5, false), (0.2, false), (0.35, true)];

        Assert.Equal(Auc.Of(once)!.Value, Auc.Of([.. Enumerable.Repeat(once, 7).SelectMany(x => x)])!.Value, 12);
    }
}
