using System.Diagnostics;
using Decisioning.Policy;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Worker.Backtests;

// Runs backtests one chunk at a time: plans queued backtests, claims a chunk, decides its decisions again with the
// candidate, commits the chunk's counts (fenced by its lease token), and finishes a backtest once its last chunk is
// in. One chunk at a time per Worker bounds what backtests take from the model services that live decisions share.
public sealed class BacktestRunner : BackgroundService
{
    private readonly BacktestQueue _queue;
    private readonly CandidateAnswers _answers;
    private readonly BacktestOptions _options;
    private readonly ILogger<BacktestRunner> _logger;
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}";
    private readonly Counter _decisions;
    private readonly Counter _chunks;
    private readonly Counter _finished;
    private readonly Histogram _chunkDuration;
    private readonly Gauge _active;
    private readonly Gauge _remaining;

    public BacktestRunner(BacktestQueue queue, CandidateAnswers answers, IOptions<BacktestOptions> options, IMetricFactory metrics, ILogger<BacktestRunner> logger)
    {
        _queue = queue;
        _answers = answers;
        _options = options.Value;
        _logger = logger;
        _decisions = metrics.CreateCounter("decisioning_backtest_decisions_total", "Decisions backtested (counted when their chunk is committed).");
        _chunks = metrics.CreateCounter("decisioning_backtest_chunks_total",
            "Backtest chunks by result: done (committed), lost (its lease ran out and another Worker took it), abandoned (its backtest stopped), failed (an error; tried again).",
            new CounterConfiguration { LabelNames = ["result"] });
        foreach (var result in new[] { "done", "lost", "abandoned", "failed" })
        {
            _chunks.WithLabels(result);
        }

        _finished = metrics.CreateCounter("decisioning_backtests_finished_total", "Backtests finished by this Worker, by status.", new CounterConfiguration { LabelNames = ["status"] });
        _active = metrics.CreateGauge("decisioning_backtests_active", "Backtests queued or running (all tenants).");
        _remaining = metrics.CreateGauge("decisioning_backtest_remaining_decisions", "Decisions the running backtests have left to do (all tenants).");
        _chunkDuration = metrics.CreateHistogram("decisioning_backtest_chunk_seconds", "Time to backtest one chunk, from claim to commit.",
            new HistogramConfiguration { Buckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await StepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Backtest work failed ({Error}); trying again in {Milliseconds} ms", ex.Message, _options.PollMilliseconds);
            }

            if (!worked)
            {
                await Task.Delay(_options.PollMilliseconds, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // One unit of work; false when there was none.
    private async Task<bool> StepAsync(CancellationToken stoppingToken)
    {
        if (await _queue.PlanNextAsync(_options.ChunkSize, stoppingToken) is { } planned)
        {
            _logger.LogInformation("Backtest {BacktestId} planned: {Total} decisions in chunks of {ChunkSize}", planned.BacktestId, planned.Total, _options.ChunkSize);
            return true;
        }

        if (await _queue.ClaimAsync(_worker, TimeSpan.FromSeconds(_options.LeaseSeconds), stoppingToken) is { } chunk)
        {
            await RunChunkAsync(chunk, stoppingToken);
            return true;
        }

        foreach (var (tenantId, backtestId) in await _queue.UnfinishedAsync(stoppingToken))
        {
            await FinishAsync(tenantId, backtestId, stoppingToken);
        }

        await UpdateBacklogAsync(stoppingToken);
        return false;
    }

    private async Task RunChunkAsync(BacktestChunk chunk, CancellationToken stoppingToken)
    {
        if (chunk.Attempts > _options.MaxChunkAttempts)
        {
            await _queue.FailAsync(chunk.TenantId, chunk.BacktestId, $"Chunk {chunk.ChunkNo} was tried {chunk.Attempts - 1} times without finishing; see the Workers' logs.", stoppingToken);
            _finished.WithLabels("failed").Inc();
            _logger.LogError("Backtest {BacktestId} failed: chunk {ChunkNo} was tried {Attempts} times", chunk.BacktestId, chunk.ChunkNo, chunk.Attempts - 1);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var job = await _queue.JobAsync(chunk.TenantId, chunk.BacktestId, stoppingToken);
            var tally = await BacktestAsync(job, chunk, stoppingToken);
            if (tally is null)
            {
                _chunks.WithLabels("abandoned").Inc();
                return;
            }

            if (!await _queue.CompleteAsync(chunk, tally.Value.Tally, tally.Value.Scores, stoppingToken))
            {
                _chunks.WithLabels("lost").Inc();
                _logger.LogWarning("Chunk {ChunkNo} of backtest {BacktestId} was not committed: its lease ran out or the backtest stopped", chunk.ChunkNo, chunk.BacktestId);
                return;
            }

            _chunks.WithLabels("done").Inc();
            _decisions.Inc(tally.Value.Tally.Decisions);
            _chunkDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            await FinishAsync(chunk.TenantId, chunk.BacktestId, stoppingToken);
            await UpdateBacklogAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The chunk's lease runs out and it is claimed again, up to MaxChunkAttempts.
            _chunks.WithLabels("failed").Inc();
            _logger.LogWarning(ex, "Chunk {ChunkNo} of backtest {BacktestId} failed: {Error}", chunk.ChunkNo, chunk.BacktestId, ex.Message);
        }
    }

    // The chunk's counts, or null when the backtest stopped (cancelled or failed) meanwhile.
    private async Task<(BacktestTally Tally, List<(Guid, double?, double?, bool)> Scores)?> BacktestAsync(BacktestJob job, BacktestChunk chunk, CancellationToken stoppingToken)
    {
        var rows = await _queue.ReadAsync(job, chunk, stoppingToken);
        var tally = new BacktestTally();
        var scores = new List<(Guid, double?, double?, bool)>();
        var batchStarted = Stopwatch.GetTimestamp();
        for (var start = 0; start < rows.Count; start += _options.BatchSize)
        {
            if (!await _queue.IsRunningAsync(job.TenantId, job.BacktestId, stoppingToken))
            {
                return null;
            }

            var batch = rows.Skip(start).Take(_options.BatchSize).ToList();
            var (candidateScores, prices, unscored, unpriced) = await _answers.AskAsync(batch, job.CandidateModelVersion, stoppingToken);
            tally.Unscored += unscored;
            tally.Unpriced += unpriced;
            for (var i = 0; i < batch.Count; i++)
            {
                var row = batch[i];
                var policyVersion = job.CandidatePolicyVersion ?? row.PolicyVersion;
                var policy = DecisionPolicy.Versions.GetValueOrDefault(policyVersion)
                    ?? throw new InvalidOperationException($"Decision {row.DecisionId} was made under policy '{policyVersion}', which this Worker does not have.");
                var baseline = BacktestEvaluation.Baseline(row);
                var candidate = BacktestEvaluation.Candidate(row, policy, candidateScores[i], prices[i]);
                tally.Add(baseline, candidate, row.Bad);
                if (row.Bad is { } bad)
                {
                    scores.Add((row.DecisionId, baseline.Pd, candidate.Pd, bad));
                }
            }

            await ThrottleAsync(start + batch.Count, batchStarted, stoppingToken);
        }

        return (tally, scores);
    }

    // Keeps the chunk's pace under MaxDecisionsPerSecond, when set.
    private async Task ThrottleAsync(int done, long started, CancellationToken stoppingToken)
    {
        if (_options.MaxDecisionsPerSecond <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds((double)done / _options.MaxDecisionsPerSecond) - Stopwatch.GetElapsedTime(started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, stoppingToken);
        }
    }

    private async Task UpdateBacklogAsync(CancellationToken stoppingToken)
    {
        var (active, remaining) = await _queue.BacklogAsync(stoppingToken);
        _active.Set(active);
        _remaining.Set(remaining);
    }

    private async Task FinishAsync(string tenantId, Guid backtestId, CancellationToken stoppingToken)
    {
        if (await _queue.TryFinishAsync(tenantId, backtestId, stoppingToken))
        {
            _finished.WithLabels("succeeded").Inc();
            _logger.LogInformation("Backtest {BacktestId} succeeded", backtestId);
        }
    }
}
