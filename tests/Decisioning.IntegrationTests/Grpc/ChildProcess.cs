using System.Diagnostics;
using System.Text;

namespace Decisioning.IntegrationTests.Grpc;

// A process a test starts: every wait is bounded, and disposing kills it with its children.
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _standardError = new();

    private ChildProcess(Process process) => _process = process;

    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PYTHONUTF8"] = "1";
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._standardError)
                {
                    child._standardError.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await _process.StandardOutput.ReadLineAsync(cancellation.Token)
                ?? throw new InvalidOperationException($"{_process.StartInfo.FileName} closed its output. stderr:\n{StandardError}");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No output within {timeout}. stderr:\n{StandardError}");
        }
    }

    public async Task<(int ExitCode, string Output)> RunToEndAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            _process.StandardInput.Close();
            var output = await _process.StandardOutput.ReadToEndAsync(cancellation.Token);
            await _process.WaitForExitAsync(cancellation.Token);
            return (_process.ExitCode, output);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}. stderr:\n{StandardError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancellation.Token);
        }

        _process.Dispose();
    }
}
