using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Prometheus on a free loopback port with its own temporary storage, scraping the given targets every
/// second and evaluating the given rule files every second, optionally storing exemplars; killed (and its folder
/// deleted) on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts Prometheus scraping <c>/metrics</c> of each target under its job name, loading <paramref name="ruleFiles"/>
    /// (globs allowed); with <paramref name="exemplarStorage"/>, scraped exemplars are kept (<c>--enable-feature=exemplar-storage</c>).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<(string Job, Uri Target)> targets, IEnumerable<string> ruleFiles, bool exemplarStorage = false)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: apt-get install --no-install-recommends prometheus (test.sh does).");
        }

        var folder = Directory.CreateTempSubdirectory("prometheus-");
        var config = new StringBuilder()
            .AppendLine("global:")
            .AppendLine("  scrape_interval: 1s")
            .AppendLine("  scrape_timeout: 1s")
            .AppendLine("  evaluation_interval: 1s")
            .AppendLine("rule_files:");
        foreach (var ruleFile in ruleFiles)
        {
            config.AppendLine($"  - {JsonSerializer.Serialize(ruleFile)}");
        }

        config.AppendLine("scrape_configs:");
        foreach (var (job, target) in targets)
        {
            config.AppendLine($"  - job_name: {job}")
                .AppendLine("    static_configs:")
                .AppendLine($"      - targets: [\"{target.Authority}\"]");
        }

        var configFile = Path.Combine(folder.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());

        var port = FreePort.Next();
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add($"--config.file={configFile}");
        info.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}");
        info.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        info.ArgumentList.Add("--log.level=warn");
        if (exemplarStorage)
        {
            info.ArgumentList.Add("--enable-feature=exemplar-storage");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start prometheus.");
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                var output = server.Output;
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var ready = await server._http.GetAsync("/-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        var lastOutput = server.Output;
        await server.DisposeAsync();
        throw new TimeoutException($"prometheus was not ready within 30 s:\n{lastOutput}");
    }

    /// <summary>Evaluates <paramref name="expression"/> now through <c>/api/v1/query</c>: the number of series (or 1 for a scalar), or Prometheus' error.</summary>
    public async Task<(int Series, string? Error)> QueryAsync(string expression)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expression));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return (0, $"{root.GetProperty("errorType").GetString()}: {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() is "vector" or "matrix"
            ? (data.GetProperty("result").GetArrayLength(), null)
            : (1, null);
    }

    /// <summary>
    /// The exemplars stored for the series <paramref name="selector"/> selects between <paramref name="start"/> and
    /// <paramref name="end"/>, through <c>/api/v1/query_exemplars</c>: each with its series' labels.
    /// </summary>
    public async Task<IReadOnlyList<StoredExemplar>> QueryExemplarsAsync(string selector, DateTimeOffset start, DateTimeOffset end)
    {
        var query = $"/api/v1/query_exemplars?query={Uri.EscapeDataString(selector)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}";
        using var response = await _http.GetAsync(query);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"{query}: {root.GetProperty("errorType").GetString()}: {root.GetProperty("error").GetString()}");
        }

        return
        [
            .. from series in root.GetProperty("data").EnumerateArray()
               let seriesLabels = Labels(series.GetProperty("seriesLabels"))
               from exemplar in series.GetProperty("exemplars").EnumerateArray()
               select new StoredExemplar(
                   seriesLabels,
                   Labels(exemplar.GetProperty("labels")),
                   double.Parse(exemplar.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                   DateTimeOffset.FromUnixTimeMilliseconds((long)(exemplar.GetProperty("timestamp").GetDouble() * 1000))),
        ];

        static Dictionary<string, string> Labels(JsonElement labels) =>
            labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!);
    }

    /// <summary>Polls until <paramref name="expression"/> returns at least one series (bounded by <paramref name="timeout"/>).</summary>
    public async Task WaitForSeriesAsync(string expression, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while ((await QueryAsync(expression)).Series == 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Prometheus has no series for {expression} after {timeout}:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
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
