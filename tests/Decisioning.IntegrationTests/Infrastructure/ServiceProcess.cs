using System.Diagnostics;
using System.Text;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>One of the platform's services running as a real process on loopback, killed on dispose.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the service wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts <paramref name="service"/> with configuration passed as command-line arguments and waits until <paramref name="readyUrl"/> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string> configuration, string readyUrl, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(RepositoryPaths.ServiceAssembly(service)))
        {
            throw new InvalidOperationException($"{RepositoryPaths.ServiceAssembly(service)} is missing: build the solution ({RepositoryPaths.Configuration}) before the integration tests.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.ServiceAssembly(service))!,
        };
        info.ArgumentList.Add(RepositoryPaths.ServiceAssembly(service));
        foreach (var (key, value) in configuration)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {service}.");
        var started = new ServiceProcess(service, process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{service} exited with {process.ExitCode} while starting:\n{started.Output}");
            }

            try
            {
                using var response = await http.GetAsync(readyUrl);
                if (response.IsSuccessStatusCode)
                {
                    return started;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await started.DisposeAsync();
        throw new TimeoutException($"{service} was not ready at {readyUrl} within 60 s:\n{started.Output}");
    }

    /// <summary>Sends a signal: STOP (the service accepts connections and never answers), CONT, TERM (graceful shutdown).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
