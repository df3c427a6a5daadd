using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Decisioning.IntegrationTests.Replay;

public sealed class BacktestTests(GermanBacktestScene scene, ITestOutputHelper output) : IClassFixture<GermanBacktestScene>, IAsyncLifetime
{
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["Backtests:ChunkSize"] = "2500",
        ["Backtests:LeaseSeconds"] = "5",
        ["Backtests:PollMilliseconds"] = "200",
    };

    private readonly List<ServiceProcess> _extraWorkers = [];

    private Platform Platform => scene.Platform;

    [Fact]
    public async Task A_backtest_of_50000_decisions_finds_what_replaying_each_finds_run_whole_by_two_Workers_and_after_a_kill()
    {
        await RestartWorkerAsync(Fast);
        var whole = await RunToTheEndAsync(await SubmitAsync());
        var result = whole.GetProperty("result");
        output.WriteLine($"Whole: {Seconds(whole):F1} s for {GermanBacktestScene.Copies * 1000} decisions");

        // What the Gateway's replay gives for each of the 1,000 decisions, 50 times over.
        Assert.Equal(GermanBacktestScene.Copies * 1000, result.GetProperty("decisions").GetInt64());
        foreach (var (from, row) in scene.ReplayedMatrix)
        {
            foreach (var (to, count) in row)
            {
                Assert.Equal(GermanBacktestScene.Copies * count, result.GetProperty("outcomeMatrix").GetProperty(from).GetProperty(to).GetInt64());
            }
        }

        var outcomes = result.GetProperty("withOutcomes");
        Assert.Equal(GermanBacktestScene.Copies * 1000, outcomes.GetProperty("count").GetInt64());
        Assert.Equal(scene.Aucs.Baseline, outcomes.GetProperty("auc").GetProperty("baseline").GetDouble(), 6);
        Assert.Equal(scene.Aucs.Candidate, outcomes.GetProperty("auc").GetProperty("candidate").GetDouble(), 6);
        Assert.Equal(0, result.GetProperty("unscored").GetInt64());
        Assert.Equal(0, result.GetProperty("unpriced").GetInt64());

        // Two Workers split the chunks and find the same.
        await StartExtraWorkerAsync(Fast);
        var shared = await RunToTheEndAsync(await SubmitAsync());
        Assert.Equal(result.GetRawText(), shared.GetProperty("result").GetRawText());
        Assert.Equal(2, await ChunkWorkersAsync(shared.GetProperty("id").GetGuid()));
        await StopExtraWorkersAsync();

        // A Worker killed mid-way: the chunk it held is taken again once its lease runs out, and nothing counts twice.
        await RestartWorkerAsync(new Dictionary<string, string>(Fast) { ["Backtests:MaxDecisionsPerSecond"] = "8000" });
        var killed = await SubmitAsync();
        await WaitForAsync(killed, b => b.GetProperty("progress").GetProperty("processed").GetInt64() >= 5000, "two chunks done");
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        // Killed while it holds a chunk, not between two.
        for (var waited = 0; waited < 300 && await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM backtest_chunks WHERE backtest_id = @Id AND status = 'running'", new { Id = killed }) == 0; waited++)
        {
            await Task.Delay(20);
        }

        await Platform.Worker!.SignalAsync("KILL");
        var atKill = (await GetAsync(killed)).GetProperty("progress").GetProperty("processed").GetInt64();
        Assert.InRange(atKill, 5000, (GermanBacktestScene.Copies * 1000) - 1);
        await RestartWorkerAsync(Fast);
        var resumed = await RunToTheEndAsync(killed);
        Assert.Equal(result.GetRawText(), resumed.GetProperty("result").GetRawText());
        Assert.Equal(GermanBacktestScene.Copies * 1000, resumed.GetProperty("progress").GetProperty("processed").GetInt64());
        Assert.True(await connection.ExecuteScalarAsync<int>("SELECT max(attempts) FROM backtest_chunks WHERE backtest_id = @Id", new { Id = killed }) >= 2, "the chunk in flight was done again");
    }

    [Fact]
    public async Task A_running_backtest_is_cancelled_within_seconds_and_a_finished_one_cannot_be()
    {
        await RestartWorkerAsync(new Dictionary<string, string>(Fast) { ["Backtests:MaxDecisionsPerSecond"] = "2000" });
        var id = await SubmitAsync();
        await WaitForAsync(id, b => b.GetProperty("progress").GetProperty("processed").GetInt64() > 0, "some progress");
        var running = await GetAsync(id);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.True(running.GetProperty("progress").GetProperty("etaSeconds").GetDouble() > 0);
        Assert.Equal(GermanBacktestScene.Copies * 1000, running.GetProperty("progress").GetProperty("total").GetInt64());

        using var analyst = Platform.Client(scene.Tenant.Analyst);
        using var cancel = await analyst.PostAsync($"/v1/backtests/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The Worker stops at its next batch: no chunk is committed after a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var processed = (await GetAsync(id)).GetProperty("progress").GetProperty("processed").GetInt64();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = await GetAsync(id);
        Assert.Equal(processed, later.GetProperty("progress").GetProperty("processed").GetInt64());
        Assert.Equal("cancelled", later.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, later.GetProperty("result").ValueKind);

        using var again = await analyst.PostAsync($"/v1/backtests/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"from": "2026-02-01", "to": "2026-01-01", "candidate": {"model": "german-gbm/1"}}""", 400, "from")]
    [InlineData("""{"from": "2020-01-01", "to": "2026-01-01", "candidate": {"model": "german-gbm/1"}}""", 400, "to")]
    [InlineData("""{"to": "2026-01-01", "candidate": {"model": "german-gbm/1"}}""", 400, "from")]
    [InlineData("""{"from": "yesterday", "to": "2026-01-01", "candidate": {"model": "german-gbm/1"}}""", 400, "from")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "filters": {"colour": "red"}, "candidate": {"model": "german-gbm/1"}}""", 400, "filters.colour")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "filters": {"outcome": "maybe"}, "candidate": {"model": "german-gbm/1"}}""", 400, "filters.outcome")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "filters": {"minPd": [1]}, "candidate": {"model": "german-gbm/1"}}""", 400, "filters.minPd")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01"}""", 400, "candidate")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "candidate": {}}""", 400, "candidate")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "candidate": {"model": "german-gbm"}}""", 400, "candidate.model")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "candidate": {"model": "german-gbm/7"}}""", 422, "candidate.model")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "candidate": {"policyVersion": "policy-7"}}""", 422, "candidate.policyVersion")]
    [InlineData("""{"from": "2026-01-01", "to": "2026-02-01", "candidate": {"model": "german-gbm/1"}, "priority": "high"}""", 400, "priority")]
    [InlineData("""{"from": "2026-01-01", """, 400, null)]
    public async Task A_bad_backtest_request_gets_a_clear_problem_and_creates_nothing(string body, int status, string? field)
    {
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        var before = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM backtests");
        using var analyst = Platform.Client(scene.Tenant.Analyst);

        using var response = await analyst.PostAsync("/v1/backtests", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM backtests"));
    }

    [Fact]
    public async Task A_tenant_sees_lists_and_cancels_only_its_own_backtests()
    {
        var id = await SubmitAsync();
        var other = await Platform.CreateTenantAsync();
        using var otherAnalyst = Platform.Client(other.Analyst);

        Assert.Equal(HttpStatusCode.NotFound, (await otherAnalyst.GetAsync($"/v1/backtests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAnalyst.PostAsync($"/v1/backtests/{id}/cancel", null)).StatusCode);
        var theirs = await otherAnalyst.GetFromJsonAsync<JsonElement>("/v1/backtests");
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());

        using var admin = Platform.Client(scene.Tenant.Admin);
        var ours = await admin.GetFromJsonAsync<JsonElement>("/v1/backtests?limit=200");
        Assert.Contains(ours.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        using var decider = Platform.Client(scene.Tenant.Decider);
        Assert.Equal(HttpStatusCode.Forbidden, (await decider.GetAsync($"/v1/backtests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/backtests/{id}/cancel", null)).StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await StopExtraWorkersAsync();

    private async Task<Guid> SubmitAsync()
    {
        using var analyst = Platform.Client(scene.Tenant.Analyst);
        using var response = await analyst.PostAsJsonAsync("/v1/backtests", new
        {
            from = scene.From.AddDays(-1).ToString("O", CultureInfo.InvariantCulture),
            to = scene.From.AddDays(1).ToString("O", CultureInfo.InvariantCulture),
            filters = new { product = "personal_loan" },
            candidate = new { model = "german-gbm/1" },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var created = JsonDocument.Parse(text).RootElement;
        Assert.Equal("queued", created.GetProperty("status").GetString());
        Assert.Equal($"/v1/backtests/{created.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        return created.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> GetAsync(Guid id)
    {
        using var analyst = Platform.Client(scene.Tenant.Analyst);
        return await analyst.GetFromJsonAsync<JsonElement>($"/v1/backtests/{id}");
    }

    private async Task<JsonElement> WaitForAsync(Guid id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        JsonElement backtest;
        do
        {
            backtest = await GetAsync(id);
            if (condition(backtest))
            {
                return backtest;
            }

            Assert.NotEqual("failed", backtest.GetProperty("status").GetString());
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Waited for {what}: {backtest}\n{Platform.Worker?.Output}");
    }

    private async Task<JsonElement> RunToTheEndAsync(Guid id)
    {
        var finished = await WaitForAsync(id, b => b.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled", "the end");
        Assert.Equal("succeeded", finished.GetProperty("status").GetString());
        return finished;
    }

    private static double Seconds(JsonElement backtest) =>
        (backtest.GetProperty("finishedAt").GetDateTime() - backtest.GetProperty("progress").GetProperty("startedAt").GetDateTime()).TotalSeconds;

    private async Task<long> ChunkWorkersAsync(Guid id)
    {
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT worker) FROM backtest_chunks WHERE backtest_id = @Id", new { Id = id });
    }

    private async Task RestartWorkerAsync(Dictionary<string, string> settings)
    {
        if (Platform.Worker is { } running)
        {
            await running.DisposeAsync();
        }

        await Platform.StartWorkerAsync(settings);
    }

    private async Task StartExtraWorkerAsync(Dictionary<string, string> settings)
    {
        var admin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _extraWorkers.Add(await ServiceProcess.StartAsync("Worker", Platform.WorkerSettings(admin, settings), new Uri(admin, "/alive").ToString()));
    }

    private async Task StopExtraWorkersAsync()
    {
        foreach (var worker in _extraWorkers)
        {
            await worker.DisposeAsync();
        }

        _extraWorkers.Clear();
    }
}
