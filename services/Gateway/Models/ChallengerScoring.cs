using Decisioning.Contracts.Scoring.V1;
using Decisioning.Data;
using Decisioning.Grpc;
using Decisioning.Policy;
using Gateway.Decisions;

namespace Gateway.Models;

// Scores every answered decision with the challenger models CreditScoring is configured with, stores
// their verdicts beside the decision and counts where a challenger would have put the applicant in
// another policy band. Runs after the response, so it never adds to a decision's latency; what it
// cannot score (service down, job dropped) is counted and logged, never retried into the hot path.
public sealed class ChallengerScoring(
    ChallengerQueue queue,
    CreditScoringClient scoring,
    ChallengerStore store,
    DecisionPolicy policy,
    DecisionMetrics metrics,
    ILogger<ChallengerScoring> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var answer = await scoring.ScoreChallengersAsync(job.Request, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: stoppingToken));
                foreach (var score in answer.Scores)
                {
                    var codes = score.Reasons.Select(r => r.Code).ToArray();
                    await store.InsertAsync(new ChallengerScore(job.TenantId, job.DecisionId, job.DecidedAt, score.ModelName, score.ModelVersion, score.Pd, score.Score, score.Grade, codes), stoppingToken);
                    metrics.RecordChallengerScore(job.ChampionModelVersion, score.ModelVersion, disagrees: Band(score.Pd) != Band(job.ChampionPd));
                }
            }
            catch (Exception ex) when (ex is RpcException or Npgsql.NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                metrics.RecordChallengerFailure();
                logger.LogWarning("Challenger scoring of a decision failed: {Failure}", ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name);
            }
        }
    }

    // 0 approve, 1 refer, 2 decline: where the policy's PD cut-offs alone would put the applicant.
    private int Band(double pd) => (pd >= policy.ApproveBelowPd ? 1 : 0) + (pd >= policy.DeclineFromPd ? 1 : 0);
}
