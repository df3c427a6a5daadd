using System.Diagnostics;
using System.Globalization;
using System.Text;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reliability;

// ./run.sh as an operator runs it, on free ports with a data folder of its own: a killed service comes back by
// itself, and one that keeps dying stops the whole platform with a message saying so.
public sealed class RunScriptSupervisionTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("decisioning-run-").FullName;
    private readonly StringBuilder _output = new();
    private readonly int _gatewayPort = FreePort.Next();
    private Process? _run;

    public async Task InitializeAsync()
    {
        // PostgreSQL and RabbitMQ run as their own users and must reach their folders inside.
        await ProcessRunner.RunAsync("chmod", ["755", _data], TimeSpan.FromSeconds(10));
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "run.sh"));
        var environment = new Dictionary<string, string>
        {
            ["DECISIONING_DATA_DIR"] = Path.Combine(_data, "data"),
            ["PG_PORT"] = Port(FreePort.Next()),
            ["RABBITMQ_PORT"] = Port(FreePort.Range(13)),
            ["GATEWAY_PORT"] = Port(_gatewayPort),
            ["SCORING_GRPC_PORT"] = Port(FreePort.Next()),
            ["SCORING_ADMIN_PORT"] = Port(FreePort.Next()),
            ["PRICING_GRPC_PORT"] = Port(FreePort.Next()),
            ["PRICING_ADMIN_PORT"] = Port(FreePort.Next()),
            ["WORKER_ADMIN_PORT"] = Port(FreePort.Next()),
            ["CRASH_LOOP_LIMIT"] = "3",
            ["CRASH_LOOP_SECONDS"] = "600",
            ["DECISIONING_SKIP_BUILD"] = RepositoryPaths.Configuration == "Release" ? "1" : "0",
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        _run = Process.Start(info)!;
        _run.OutputDataReceived += (_, e) => Append(e.Data);
        _run.ErrorDataReceived += (_, e) => Append(e.Data);
        _run.BeginOutputReadLine();
        _run.BeginErrorReadLine();
        await WaitForAsync(() => Output.Contains("Decisioning is running", StringComparison.Ordinal) || _run.HasExited, TimeSpan.FromMinutes(5));
        Assert.False(_run.HasExited, Output);
    }

    public async Task DisposeAsync()
    {
        if (_run is { HasExited: false })
        {
            // SIGTERM, as an operator's Ctrl-C: run.sh stops what it started.
            await ProcessRunner.RunAsync("kill", ["-TERM", Port(_run.Id)], TimeSpan.FromSeconds(10));
            await _run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        }

        _run?.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_killed_gateway_comes_back_and_a_crash_loop_stops_everything()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_gatewayPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var first = await KillGatewayAsync();
        await WaitForAsync(async () => await HealthyAsync(http) && GatewayPid() != first, TimeSpan.FromMinutes(2));
        Assert.Contains("supervisor: restarting Gateway", Output, StringComparison.Ordinal);

        // Two more deaths make three within the window: the platform stops, and says why.
        var second = await KillGatewayAsync();
        await WaitForAsync(() => GatewayPid() != second || _run!.HasExited, TimeSpan.FromMinutes(1));
        await KillGatewayAsync();
        await _run!.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.NotEqual(0, _run.ExitCode);
        Assert.Contains("Gateway is crash-looping", Output, StringComparison.Ordinal);
        Assert.Contains("Stopped.", Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "data", "pg", "postmaster.pid")), "PostgreSQL still running");
        foreach (var service in new[] { "CreditScoring", "Pricing", "Worker" })
        {
            Assert.False(Directory.Exists($"/proc/{File.ReadAllText(Path.Combine(_data, "data", "run", service + ".pid")).Trim()}"), $"{service} still running");
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => await WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(250);
        }
    }

    private string GatewayPid() => File.ReadAllText(Path.Combine(_data, "data", "run", "Gateway.pid")).Trim();

    private async Task<string> KillGatewayAsync()
    {
        var pid = GatewayPid();
        await ProcessRunner.RunAsync("kill", ["-9", pid], TimeSpan.FromSeconds(10));
        return pid;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
