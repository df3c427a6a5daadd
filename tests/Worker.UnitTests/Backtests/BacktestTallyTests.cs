using System.Text.Json;
using Decisioning.Policy;
using Worker.Backtests;
using Worker.Decisions;

namespace Worker.UnitTests.Backtests;

public class BacktestTallyTests
{
    [Fact]
    public void Chunks_tallied_apart_and_merged_give_the_tally_of_all_at_once()
    {
        var decisions = Enumerable.Range(0, 300).Select(i => (
            Baseline: new BacktestDecision(BacktestTally.Outcomes[i % 3], i % 7 == 0 ? null : i / 300.0, i % 7 == 0 ? null : "ABCDEFG"[i % 7].ToString()),
            Candidate: new BacktestDecision(BacktestTally.Outcomes[(i / 3) % 3], i / 310.0, "ABCDEFG"[(i + 1) % 7].ToString()),
            Bad: i % 5 == 0 ? (bool?)null : i % 4 == 0)).ToList();
        var whole = new BacktestTally();
        foreach (var (baseline, candidate, bad) in decisions)
        {
            whole.Add(baseline, candidate, bad);
        }

        var merged = new BacktestTally();
        foreach (var chunk in decisions.Chunk(70))
        {
            var part = new BacktestTally();
            foreach (var (baseline, candidate, bad) in chunk)
            {
                part.Add(baseline, candidate, bad);
            }

            // Through JSON, as the chunks' partial results are stored.
            merged.Merge(JsonSerializer.Deserialize<BacktestTally>(JsonSerializer.Serialize(part))!);
        }

        Assert.Equal(
            BacktestResult.Compose(whole, 0.7, 0.8).ToJsonString(),
            BacktestResult.Compose(merged, 0.7, 0.8).ToJsonString());
        Assert.Equal(300, merged.Decisions);
        Assert.Equal(240, merged.WithOutcomes);
    }

    [Fact]
    public void The_result_reads_as_the_api_documents_it()
    {
        var tally = new BacktestTally();
        tally.Add(new BacktestDecision("approve", 0.1, "C"), new BacktestDecision("refer", 0.2, "D"), bad: true);
        tally.Add(new BacktestDecision("approve", 0.05, "B"), new BacktestDecision("approve", 0.04, "B"), bad: false);
        tally.Add(new BacktestDecision("refer", null, null), new BacktestDecision("decline", 0.5, "G"), bad: null);

        var result = BacktestResult.Compose(tally, 1.0, null);

        Assert.Equal(3, (long)result["decisions"]!);
        Assert.Equal(1, (long)result["outcomeMatrix"]!["approve"]!["refer"]!);
        Assert.Equal(1, (long)result["outcomeMatrix"]!["refer"]!["decline"]!);
        Assert.Equal(0.666667, (double)result["approvalRate"]!["baseline"]!);
        Assert.Equal(0.333333, (double)result["approvalRate"]!["candidate"]!);
        Assert.Equal(0.075, (double)result["meanPd"]!["baseline"]!);
        Assert.Equal(2, (long)result["withOutcomes"]!["count"]!);
        Assert.Equal(0.5, (double)result["withOutcomes"]!["badRateAmongApproved"]!["baseline"]!);
        Assert.Equal(0.0, (double)result["withOutcomes"]!["badRateAmongApproved"]!["candidate"]!);
        Assert.Null(result["withOutcomes"]!["auc"]!["candidate"]);
        Assert.Equal(["B", "C", "D", "G", "none"], result["byGrade"]!.AsArray().Select(g => (string)g!["grade"]!));
    }

    [Fact]
    public void The_candidate_keeps_a_stored_score_and_decides_under_its_policy()
    {
        var row = new DecisionRow
        {
            Outcome = "approve", Pd = 0.3, Score = 550, Grade = "E", ModelVersion = "german-scorecard-1", PolicyVersion = "policy-1",
            Product = "personal_loan", Amount = 1000, TermMonths = 12, Age = 40, Employment = "ge_7y", InstallmentRatePct = 2,
        };

        var score = BacktestEvaluation.StoredScore(row);
        var candidate = BacktestEvaluation.Candidate(row, DecisionPolicy.Policy1, score, prices: null);

        Assert.Equal(0.3, score!.ProbabilityOfDefault);
        // A PD of 0.3 is between policy-1's cut-offs: referred.
        Assert.Equal(new BacktestDecision("refer", 0.3, "E"), candidate);
        Assert.Null(BacktestEvaluation.StoredScore(row with { Pd = null }));
    }
}
