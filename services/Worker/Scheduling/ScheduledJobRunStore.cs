using Dapper;
using Npgsql;

namespace Worker.Scheduling;

// scheduled_job_runs: one row per occurrence of a job that a Worker started, completed when the run ends.
public sealed class ScheduledJobRunStore(NpgsqlDataSource dataSource)
{
    // Not inserted when the occurrence is taken, or when a run of an earlier occurrence started after this one was
    // due (by more than the misfire threshold): that run was the catch-up for the time every Worker was down, and
    // covers this occurrence too. (Quartz can fire a recovered trigger's missed occurrences one after another
    // instead of once.)
    private const string InsertStarted = """
        INSERT INTO scheduled_job_runs (job_name, scheduled_fire_time, started_at, worker_instance)
        SELECT @Job, @ScheduledFireTime, @StartedAt, @WorkerInstance
        WHERE NOT EXISTS (
            SELECT 1 FROM scheduled_job_runs
            WHERE job_name = @Job AND scheduled_fire_time < @ScheduledFireTime AND started_at > @ScheduledFireTime + @Late)
        ON CONFLICT (job_name, scheduled_fire_time) DO NOTHING
        """;

    private const string SelectStartedBy = """
        SELECT worker_instance FROM scheduled_job_runs WHERE job_name = @Job AND scheduled_fire_time = @ScheduledFireTime
        """;

    private const string SelectCoveredBy = """
        SELECT scheduled_fire_time FROM scheduled_job_runs
        WHERE job_name = @Job AND scheduled_fire_time < @ScheduledFireTime AND started_at > @ScheduledFireTime + @Late
        ORDER BY scheduled_fire_time LIMIT 1
        """;

    private const string UpdateFinished = """
        UPDATE scheduled_job_runs SET finished_at = @FinishedAt, result = @Result, error = @Error
        WHERE job_name = @Job AND scheduled_fire_time = @ScheduledFireTime AND worker_instance = @WorkerInstance
        """;

    private const string SelectLastSuccesses = """
        SELECT job_name AS Job, max(finished_at) AS FinishedAt FROM scheduled_job_runs WHERE result = 'succeeded' GROUP BY job_name
        """;

    // Records that this Worker starts the occurrence. When it does not: the Worker that already started it, or the
    // occurrence whose catch-up run covers it (a run of an earlier occurrence started more than `late` after this one
    // was due).
    public async Task<(string? StartedBy, DateTimeOffset? CoveredBy)> StartAsync(
        string job, DateTimeOffset scheduledFireTime, DateTimeOffset startedAt, string workerInstance, TimeSpan late, CancellationToken cancellationToken)
    {
        var row = new { Job = job, ScheduledFireTime = scheduledFireTime, StartedAt = startedAt, WorkerInstance = workerInstance, Late = late };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(InsertStarted, row, cancellationToken: cancellationToken)) == 1)
        {
            return (null, null);
        }

        if (await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectStartedBy, row, cancellationToken: cancellationToken)) is { } other)
        {
            return (other, null);
        }

        var covering = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(SelectCoveredBy, row, cancellationToken: cancellationToken));
        return covering is { } at ? (null, new DateTimeOffset(at, TimeSpan.Zero)) : ("(unknown)", null);
    }

    public async Task FinishAsync(string job, DateTimeOffset scheduledFireTime, string workerInstance, DateTimeOffset finishedAt, string? error, CancellationToken cancellationToken)
    {
        var row = new
        {
            Job = job,
            ScheduledFireTime = scheduledFireTime,
            WorkerInstance = workerInstance,
            FinishedAt = finishedAt,
            Result = error is null ? "succeeded" : "failed",
            Error = error,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateFinished, row, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<(string Job, DateTimeOffset FinishedAt)>> LastSuccessesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Job, DateTime FinishedAt)>(new CommandDefinition(SelectLastSuccesses, cancellationToken: cancellationToken));
        return rows.Select(r => (r.Job, new DateTimeOffset(r.FinishedAt, TimeSpan.Zero))).ToList();
    }
}
