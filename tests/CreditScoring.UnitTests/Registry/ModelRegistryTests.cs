using CreditScoring.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditScoring.UnitTests.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("models-").FullName;
    private readonly LinesLogger _log = new();

    public ModelRegistryTests()
    {
        foreach (var name in new[] { "german-scorecard", "german-gbm" })
        {
            CopyDirectory(Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", name, "1"), Path.Combine(_root, name, "1"));
        }
    }

    [Fact]
    public void Loads_the_champion_and_the_challengers_with_their_metrics()
    {
        using var registry = Create();

        var set = registry.Current;

        Assert.Equal("german-scorecard-1", set.Champion.Model.ModelVersion);
        Assert.Equal("german-gbm-1", Assert.Single(set.Challengers).Model.ModelVersion);
        Assert.Contains("aucMean", set.Champion.MetricsJson);
        Assert.Equal(0.0, set.Champion.Model.Score(Applicants.Example).ProbabilityOfDefault - set.ByName["german-scorecard"].Model.Score(Applicants.Example).ProbabilityOfDefault);
    }

    [Fact]
    public async Task A_new_version_is_swapped_in_while_scoring_goes_on_and_a_corrupt_one_is_refused()
    {
        using var registry = Create();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var scoring = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    registry.Current.Champion.Model.Score(Applicants.Example);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        WriteVersion("german-scorecard", "2");
        await WaitUntil(() => registry.Current.Champion.Version == "2");
        var scored = registry.Current.Champion.Model.Score(Applicants.Example);

        var corrupt = Path.Combine(_root, "german-scorecard", "3");
        CopyDirectory(Path.Combine(_root, "german-scorecard", "2"), corrupt);
        File.WriteAllText(Path.Combine(corrupt, "model.json"), "{\"truncated\": ");
        await WaitUntil(() => _log.Lines.Any(l => l.Contains("Refused model german-scorecard version 3", StringComparison.Ordinal)));
        stop.Cancel();
        await scoring;

        Assert.Equal("german-scorecard-2", scored.ModelVersion);
        Assert.Equal("2", registry.Current.Champion.Version);
        // Every version that loads stays loaded, so decisions made by version 1 can still be replayed.
        Assert.Equal(["german-gbm-1", "german-scorecard-1", "german-scorecard-2"], registry.Current.ByVersion.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("german-scorecard-1", registry.Current.ByVersion["german-scorecard-1"].Model.Score(Applicants.Example).ModelVersion);
        Assert.Equal(0, failures);
    }

    [Fact]
    public void A_champion_that_cannot_be_loaded_stops_the_start_with_a_clear_message()
    {
        File.WriteAllText(Path.Combine(_root, "german-scorecard", "1", "model.json"), "not json");

        var error = Assert.Throws<InvalidOperationException>(() => Create());

        Assert.Contains("german-scorecard", error.Message);
        Assert.Contains(_log.Lines, l => l.Contains("Refused model german-scorecard version 1", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ModelRegistry Create() => new(
        Options.Create(new ModelRegistryOptions { ModelsRoot = _root, Champion = "german-scorecard", Challengers = ["german-gbm"], ReloadDelayMilliseconds = 50 }),
        _log);

    // A copy of version 1 that calls itself version 2: what a retraining would write.
    private void WriteVersion(string name, string version)
    {
        var target = Path.Combine(_root, name, version);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(_root, name, "1")))
        {
            var text = File.ReadAllText(file)
                .Replace($"{name}-1", $"{name}-{version}", StringComparison.Ordinal)
                .Replace("\"version\": \"1\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file) + ".tmp"), text);
        }

        // Renamed into place so the registry never reads a half-written file.
        foreach (var temporary in Directory.GetFiles(target, "*.tmp"))
        {
            File.Move(temporary, temporary[..^4]);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private sealed class LinesLogger : ILogger<ModelRegistry>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
