using Worker.Monitoring;

namespace Worker.UnitTests.Monitoring;

public class PsiTests
{
    [Fact]
    public void A_hand_computed_example()
    {
        // Expected 50/50, observed 30/70: (0.3 − 0.5)·ln(0.3/0.5) + (0.7 − 0.5)·ln(0.7/0.5) = 0.1021651 + 0.0672944.
        Assert.Equal(0.1694596, Psi.Of([0.5, 0.5], [30, 70])!.Value, 6);
    }

    [Fact]
    public void The_same_shares_give_zero_and_nothing_observed_gives_nothing()
    {
        Assert.Equal(0, Psi.Of([0.2, 0.3, 0.5], [20, 30, 50])!.Value, 12);
        Assert.Null(Psi.Of([0.5, 0.5], [0, 0]));
    }

    [Fact]
    public void An_empty_bin_on_either_side_is_floored_not_infinite()
    {
        // Training never reached the last bin; the day put 10 % there: (0.1 − 0.0001)·ln(0.1/0.0001) + the other bins.
        var psi = Psi.Of([0.5, 0.5, 0], [45, 45, 10])!.Value;

        Assert.True(double.IsFinite(psi));
        Assert.Equal((0.1 - 0.0001) * Math.Log(0.1 / 0.0001) + (2 * (0.45 - 0.5) * Math.Log(0.45 / 0.5)), psi, 9);
    }

    [Fact]
    public void Bins_follow_the_manifest_convention()
    {
        var distribution = TrainingDistribution.Parse("""
            {"rows": 10, "features": {
               "age": {"kind": "numeric", "edges": [25, 40], "proportions": [0.2, 0.5, 0.3]},
               "housing": {"kind": "categorical", "proportions": {"own": 0.7, "rent": 0.3}}},
             "score": {"kind": "numeric", "edges": [0.1], "proportions": [0.6, 0.4]}}
            """);
        var age = distribution.Features["age"];
        var housing = distribution.Features["housing"];

        Assert.Equal([0, 0, 1, 1, 2], new[] { 18.0, 25, 25.5, 40, 41 }.Select(age.Of));
        Assert.Equal([0, 1, 2], new[] { "own", "rent", "free" }.Select(housing.Of));
        Assert.Equal([0.7, 0.3, 0], housing.Expected);
        Assert.Equal(1, distribution.Score.Of(0.5));
    }

    [Fact]
    public void A_distribution_whose_shares_do_not_match_its_edges_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => TrainingDistribution.Parse("""
            {"features": {}, "score": {"kind": "numeric", "edges": [0.1, 0.2], "proportions": [0.5, 0.5]}}
            """));
    }
}
