using System.Text.Json.Nodes;

namespace Worker.Backtests;

/// <summary>The result document of a finished backtest, from the sum of its chunks' counts and the AUCs.</summary>
public static class BacktestResult
{
    public static JsonObject Compose(BacktestTally tally, double? baselineAuc, double? candidateAuc)
    {
        var matrix = new JsonObject();
        foreach (var from in BacktestTally.Outcomes)
        {
            var row = new JsonObject();
            foreach (var to in BacktestTally.Outcomes)
            {
                row[to] = tally.OutcomeMatrix[from][to];
            }

            matrix[from] = row;
        }

        var grades = tally.Baseline.ByGrade.Keys.Union(tally.Candidate.ByGrade.Keys).Order(StringComparer.Ordinal);
        var byGrade = new JsonArray();
        foreach (var grade in grades)
        {
            byGrade.Add(new JsonObject
            {
                ["grade"] = grade,
                ["baseline"] = GradeSide(tally.Baseline, grade),
                ["candidate"] = GradeSide(tally.Candidate, grade),
            });
        }

        return new JsonObject
        {
            ["decisions"] = tally.Decisions,
            ["outcomeMatrix"] = matrix,
            ["approvalRate"] = Pair(Rate(tally.Baseline.Approved, tally.Decisions), Rate(tally.Candidate.Approved, tally.Decisions)),
            ["meanPd"] = Pair(Mean(tally.Baseline), Mean(tally.Candidate)),
            ["byGrade"] = byGrade,
            ["withOutcomes"] = new JsonObject
            {
                ["count"] = tally.WithOutcomes,
                ["auc"] = Pair(Round(baselineAuc), Round(candidateAuc)),
                ["badRateAmongApproved"] = Pair(
                    Rate(tally.Baseline.ApprovedBad, tally.Baseline.ApprovedWithOutcome),
                    Rate(tally.Candidate.ApprovedBad, tally.Candidate.ApprovedWithOutcome)),
            },
            ["unscored"] = tally.Unscored,
            ["unpriced"] = tally.Unpriced,
        };
    }

    private static JsonObject GradeSide(BacktestTally.Side side, string grade)
    {
        var counts = side.ByGrade.GetValueOrDefault(grade) ?? [0, 0];
        return new JsonObject { ["decisions"] = counts[0], ["approvalRate"] = Rate(counts[1], counts[0]) };
    }

    private static JsonObject Pair(double? baseline, double? candidate) => new() { ["baseline"] = baseline, ["candidate"] = candidate };

    private static double? Rate(long count, long of) => of == 0 ? null : Math.Round((double)count / of, 6);

    private static double? Mean(BacktestTally.Side side) => side.Scored == 0 ? null : Math.Round(side.PdSum / side.Scored, 6);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}
