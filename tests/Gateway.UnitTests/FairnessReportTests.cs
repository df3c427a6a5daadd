using Decisioning.Data;
using Gateway.Reports;

namespace Gateway.UnitTests;

public class FairnessReportTests
{
    [Fact]
    public void Each_band_is_compared_with_the_band_approved_most_and_under_four_fifths_is_flagged()
    {
        var day = new DateOnly(2026, 12, 1);
        FairnessRow[] rows =
        [
            new(day, "25-34", 100, 60),
            new(day.AddDays(1), "25-34", 100, 60),
            new(day, "45-54", 50, 40),
            new(day, "18-24", 40, 20),
            new(day, "65+", 0, 0),
        ];

        var bands = FairnessReport.Compare(rows);

        // Bands in age order; 45-54 approves most (0.8): 25-34 has 0.6 / 0.8 = 0.75, 18-24 has 0.5 / 0.8 = 0.625.
        Assert.Equal(["18-24", "25-34", "45-54", "65+"], bands.Select(b => b.Band));
        var byBand = bands.ToDictionary(b => b.Band);
        Assert.Equal((200, 120, 0.6, 0.75, true), (byBand["25-34"].Decisions, byBand["25-34"].Approved, byBand["25-34"].ApprovalRate!.Value, byBand["25-34"].AdverseImpactRatio!.Value, byBand["25-34"].BelowFourFifths));
        Assert.Equal((1.0, false), (byBand["45-54"].AdverseImpactRatio!.Value, byBand["45-54"].BelowFourFifths));
        Assert.Equal(0.625, byBand["18-24"].AdverseImpactRatio);
        Assert.Null(byBand["65+"].ApprovalRate);
        Assert.False(byBand["65+"].BelowFourFifths);
    }
}
