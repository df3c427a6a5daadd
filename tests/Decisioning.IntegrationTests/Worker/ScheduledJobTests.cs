using Dapper;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Npgsql;

namespace Decisioning.IntegrationTests.Worker;

// Schedules across real Worker processes sharing one database: each occurrence of a job runs on exactly one Worker,
// a run missed while every Worker was down runs once when one starts, and a bad cron keeps the Worker from starting.
public class ScheduledJobTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Job = "partition-maintenance";

    [Fact]
    public async Task Two_workers_run_each_occurrence_exactly_once_and_both_stay_alive()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var settings = new Dictionary<string, string> { [$"Scheduler:Jobs:{Job}:Cron"] = "0/2 * * * * ?" };
        var started = await Task.WhenAll(WorkerProcess.StartAsync(connectionString, settings), WorkerProcess.StartAsync(connectionString, settings));
        await using var first = started[0].Worker;
        await using var second = started[1].Worker;

        var from = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var to = DateTimeOffset.UtcNow;
        var (runs, executed) = await SettledRunsAsync(dataSource, [started[0].Admin, started[1].Admin]);

        // Every occurrence of the window has its row (the table's key allows no second one), and the Workers together
        // executed the job as many times as there are rows, none of them refused as already started by the other.
        var occurrences = Grid(from.AddSeconds(1), to.AddSeconds(-3), seconds: 2);
        Assert.True(occurrences.Count >= 3, $"only {occurrences.Count} occurrences in the window");
        var recorded = runs.Select(r => r.ScheduledFireTime).ToHashSet();
        Assert.All(occurrences, occurrence => Assert.Contains(occurrence, recorded));
        Assert.All(runs, run => Assert.Equal("succeeded", run.Result));
        Assert.Equal(runs.Count, executed.Succeeded);
        Assert.Equal(0, executed.Failed);
        foreach (var (worker, admin) in started)
        {
            Assert.False(worker.HasExited, worker.Output);
            using var client = new HttpClient();
            Assert.True((await client.GetAsync(new Uri(admin, "/alive"))).IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task A_run_missed_while_the_only_worker_was_down_runs_once_when_it_starts_then_the_schedule_resumes()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Late by more than a second counts as missed; the restarted Worker takes the killed one's claims after a few seconds.
        var settings = new Dictionary<string, string>
        {
            [$"Scheduler:Jobs:{Job}:Cron"] = "0/3 * * * * ?",
            ["Scheduler:MisfireThresholdSeconds"] = "1",
            ["Scheduler:CheckinIntervalSeconds"] = "1",
        };
        var (worker, _) = await WorkerProcess.StartAsync(connectionString, settings);
        await WaitForRunsAsync(dataSource, DateTimeOffset.MinValue, runs => runs.Any(r => r.Result is not null && OnGrid(r.ScheduledFireTime, 3)));
        await worker.DisposeAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        var lastBefore = (await RunsAsync(dataSource)).Max(r => r.ScheduledFireTime);

        await Task.Delay(TimeSpan.FromSeconds(8));
        var restartedAt = DateTimeOffset.UtcNow;
        var (restarted, _) = await WorkerProcess.StartAsync(connectionString, settings);
        await using (restarted)
        {
            var after = await WaitForRunsAsync(dataSource, stoppedAt, runs => runs.Count(r => r.ScheduledFireTime > restartedAt && OnGrid(r.ScheduledFireTime, 3)) >= 3);

            var missed = Grid(lastBefore.AddSeconds(1), restartedAt, seconds: 3);
            Assert.True(missed.Count >= 2, $"only {missed.Count} occurrences were missed");
            // The one run for the missed period: its occurrence is the first missed one, or off the cron's seconds when
            // it is dated by the moment it fired instead.
            var catchUp = after.Where(r => r.ScheduledFireTime <= restartedAt || !OnGrid(r.ScheduledFireTime, 3)).ToList();
            Assert.Single(catchUp);
            Assert.True(catchUp[0].StartedAt >= restartedAt);
            var resumed = after.Except(catchUp).Select(r => r.ScheduledFireTime).Order().ToList();
            Assert.Equal(Grid(resumed[0], resumed[^1], seconds: 3), resumed);
            Assert.All(after, run => Assert.Equal("succeeded", run.Result ?? "succeeded"));
        }
    }

    [Fact]
    public async Task A_worker_with_a_cron_quartz_cannot_read_refuses_to_start_naming_the_job_and_the_expression()
    {
        var connectionString = await NewDatabaseAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkerProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            [$"Scheduler:Jobs:{Job}:Cron"] = "0 */10 * * *",
        }));

        Assert.Contains("Worker exited with", refused.Message);
        Assert.Contains($"Scheduler:Jobs:{Job}:Cron '0 */10 * * *' of job '{Job}' is not a Quartz cron expression", refused.Message);
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await Migrator.ApplyAsync(connectionString);
        return connectionString;
    }

    // The finished runs and what the Workers' /metrics count, read when no run ends in between (rows read before and
    // after the scrapes agree).
    private static async Task<(List<JobRun> Runs, (double Succeeded, double Failed) Executed)> SettledRunsAsync(NpgsqlDataSource dataSource, Uri[] admins)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = (await RunsAsync(dataSource)).Where(r => r.Result is not null).ToList();
            var scrapes = await Task.WhenAll(admins.Select(Scrape.FetchAsync));
            var after = (await RunsAsync(dataSource)).Where(r => r.Result is not null).ToList();
            if (before.Count == after.Count || attempt == 10)
            {
                return (after, (
                    scrapes.Sum(s => s.Sum("decisioning_scheduled_job_runs_total", ("job_name", Job), ("result", "succeeded"))),
                    scrapes.Sum(s => s.Sum("decisioning_scheduled_job_runs_total", ("job_name", Job), ("result", "failed")))));
            }

            await Task.Delay(300);
        }
    }

    private static async Task<List<JobRun>> WaitForRunsAsync(NpgsqlDataSource dataSource, DateTimeOffset startedAfter, Func<List<JobRun>, bool> enough)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var runs = (await RunsAsync(dataSource)).Where(r => r.StartedAt > startedAfter).ToList();
            if (enough(runs))
            {
                return runs;
            }

            Assert.True(DateTime.UtcNow < until, $"Runs started after {startedAfter:O} within 90 s: {string.Join(", ", runs)}");
            await Task.Delay(250);
        }
    }

    private static async Task<List<JobRun>> RunsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<JobRun>(
            """
            SELECT scheduled_fire_time AS ScheduledAt, started_at AS Started, worker_instance AS WorkerInstance, result AS Result
            FROM scheduled_job_runs WHERE job_name = @Job ORDER BY scheduled_fire_time
            """, new { Job })).AsList();
    }

    // The occurrences of an every-n-seconds cron from..to, inclusive.
    private static List<DateTimeOffset> Grid(DateTimeOffset from, DateTimeOffset to, int seconds)
    {
        var first = DateTimeOffset.FromUnixTimeSeconds((from.ToUnixTimeMilliseconds() + (seconds * 1000) - 1) / (seconds * 1000) * seconds);
        var grid = new List<DateTimeOffset>();
        for (var occurrence = first; occurrence <= to; occurrence = occurrence.AddSeconds(seconds))
        {
            grid.Add(occurrence);
        }

        return grid;
    }

    private static bool OnGrid(DateTimeOffset time, int seconds) => time.ToUnixTimeMilliseconds() % (seconds * 1000) == 0;

    private sealed record JobRun(DateTime ScheduledAt, DateTime Started, string WorkerInstance, string? Result)
    {
        public DateTimeOffset ScheduledFireTime => new(ScheduledAt, TimeSpan.Zero);

        public DateTimeOffset StartedAt => new(Started, TimeSpan.Zero);
    }
}
