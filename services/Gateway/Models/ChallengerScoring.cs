using Decisioning.Contracts.Scoring.V1;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Decisions;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.Models;

// Scores every answered decision with the challenger models CreditScoring is configured with, stores
// their verdicts beside the decision and counts where a challenger would have put the applicant in
// another policy band. Runs after the response, so it never adds to a decision's latency; jobs are taken
// in batches (scored with one call, stored with one statement per tenant) so that challengers cost neither
// an RPC nor a commit per decision. What it cannot score (service down, job dropped) is counted and logged.
public sealed class ChallengerScoring(
    ChallengerQueue queue,
    GrpcClientFactory clients,
    ChallengerStore store,
    DecisionPolicy policy,
    DecisionMetrics metrics,
    ILogger<ChallengerScoring> logger) : BackgroundService
{
    private const int BatchSize = 64;

    // How long the first job of a batch waits for others: at a low rate every batch would otherwise hold one job.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ChallengerJob>(BatchSize);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            if (queue.Reader.Count < BatchSize)
            {
                await Task.Delay(Gather, stoppingToken);
            }

            batch.Clear();
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            if (await AskAsync(batch, stoppingToken) is not { } answer)
            {
                continue;
            }

            foreach (var tenant in batch.Zip(answer.Results).GroupBy(pair => pair.First.TenantId))
            {
                var scores = tenant.SelectMany(pair => Scores(pair.First, pair.Second)).ToList();
                if (scores.Count == 0)
                {
                    continue;
                }

                try
                {
                    await store.InsertAsync(tenant.Key, scores, stoppingToken);
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    metrics.RecordChallengerFailures(tenant.Count());
                    logger.LogWarning("Storing challenger scores failed: {Failure}", ex.GetType().Name);
                }
            }
        }
    }

    // One call for the whole batch: the challengers' work costs one RPC per batch, not one per decision. Null when the
    // batch could not be scored (counted and logged).
    private async Task<ChallengerBatchResponse?> AskAsync(List<ChallengerJob> batch, CancellationToken stoppingToken)
    {
        var request = new ChallengerBatchRequest();
        request.Applications.AddRange(batch.Select(job => job.Request));
        string failure;
        try
        {
            var answer = await clients.CreateClient<CreditScoringContract.CreditScoringClient>(nameof(CreditScoringContract.CreditScoringClient))
                .ScoreChallengerBatchAsync(request, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: stoppingToken));
            if (answer.Results.Count == batch.Count)
            {
                return answer;
            }

            failure = $"{answer.Results.Count} results";
        }
        catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
        {
            failure = ex.StatusCode.ToString();
        }

        metrics.RecordChallengerFailures(batch.Count);
        logger.LogWarning("Challenger scoring of {Count} decisions failed: {Failure}", batch.Count, failure);
        return null;
    }

    private IEnumerable<ChallengerScore> Scores(ChallengerJob job, ChallengerScoresResponse result)
    {
        foreach (var score in result.Scores)
        {
            metrics.RecordChallengerScore(job.ChampionModelVersion, score.ModelVersion, disagrees: Band(score.Pd) != Band(job.ChampionPd));
            yield return new ChallengerScore(job.DecisionId, job.DecidedAt, score.ModelName, score.ModelVersion, score.Pd, score.Score, score.Grade, [.. score.Reasons.Select(r => r.Code)]);
        }
    }

    // 0 approve, 1 refer, 2 decline: where the policy's PD cut-offs alone would put the applicant.
    private int Band(double pd) => (pd >= policy.ApproveBelowPd ? 1 : 0) + (pd >= policy.DeclineFromPd ? 1 : 0);
}
