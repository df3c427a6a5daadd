using System.Security.Cryptography;
using System.Text.Json;
using CreditScoring.Gbm;
using CreditScoring.Inference;
using CreditScoring.Scoring;
using Microsoft.Extensions.Options;

namespace CreditScoring.Registry;

// The models on disk (models/<name>/<version>/ with a manifest), loaded at start and reloaded when the
// folder changes. A model version that fails to load is refused with one clear log line and the
// version that was serving keeps serving; the set in use is swapped atomically, so no request is dropped.
public sealed class ModelRegistry : IDisposable
{
    private readonly ModelRegistryOptions _options;
    private readonly string _root;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _reload;
    private volatile ModelSet _current;

    public ModelRegistry(IOptions<ModelRegistryOptions> options, ILogger<ModelRegistry> logger)
    {
        _options = options.Value;
        _root = Path.IsPathRooted(_options.ModelsRoot) ? _options.ModelsRoot : Path.Combine(AppContext.BaseDirectory, _options.ModelsRoot);
        _logger = logger;
        _current = Load(previous: null) ?? throw new InvalidOperationException(
            $"The champion model '{_options.Champion}' could not be loaded from {_root}; see the log lines above.");
        _reload = new Timer(_ => Reload());
        _watcher = new FileSystemWatcher(_root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Deleted += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    public ModelSet Current => _current;

    public void Reload()
    {
        var next = Load(_current);
        if (next is not null)
        {
            _current = next;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _reload.Dispose();
    }

    private void ScheduleReload() => _reload.Change(_options.ReloadDelayMilliseconds, Timeout.Infinite);

    private ModelSet? Load(ModelSet? previous)
    {
        // Every version on disk is loaded, so a past decision can be replayed with the model that made it;
        // the newest version that loads serves by name.
        var byName = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        var byVersion = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        foreach (var nameDirectory in Directory.Exists(_root) ? Directory.GetDirectories(_root) : [])
        {
            var name = Path.GetFileName(nameDirectory);
            var versions = Directory.GetDirectories(nameDirectory)
                .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : -1)
                .ToList();
            foreach (var directory in versions)
            {
                if (LoadVersion(name, directory, previous) is { } loaded)
                {
                    byVersion[loaded.Model.ModelVersion] = loaded;
                    byName.TryAdd(name, loaded);
                }
            }
        }

        if (!byName.TryGetValue(_options.Champion, out var champion))
        {
            _logger.LogError("The champion model {Champion} is not loaded.", _options.Champion);
            return previous;
        }

        var challengers = new List<LoadedModel>();
        foreach (var name in _options.Challengers)
        {
            if (byName.TryGetValue(name, out var challenger))
            {
                challengers.Add(challenger);
            }
            else
            {
                _logger.LogWarning("Challenger model {Name} is not loaded; it is not scored.", name);
            }
        }

        return new ModelSet(byName, byVersion, champion, challengers);
    }

    // One version: reused when its files did not change; a version that fails to load keeps its earlier load, if any.
    private LoadedModel? LoadVersion(string name, string directory, ModelSet? previous)
    {
        var version = Path.GetFileName(directory);
        var manifestSha = Sha256(Path.Combine(directory, "manifest.json"), Path.Combine(directory, "model.json"));
        var earlier = previous?.ByVersion.Values.FirstOrDefault(m => m.Name == name && m.Version == version);
        if (earlier is not null && earlier.FilesSha256 == manifestSha)
        {
            return earlier;
        }

        try
        {
            var loaded = LoadOne(name, version, directory, manifestSha);
            _logger.LogInformation("Loaded model {Name} version {Version} ({Kind})", name, version, loaded.Kind);
            return loaded;
        }
        catch (Exception ex) when (ex is ScorecardLoadException or GbmLoadException or IOException or JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            _logger.LogError("Refused model {Name} version {Version}: {Reason}. {Serving}", name, version, ex.Message,
                earlier is null ? "The newest older version that loads serves in its place." : "Its earlier load keeps serving.");
            return earlier;
        }
    }

    private static LoadedModel LoadOne(string name, string version, string directory, string manifestSha)
    {
        var manifestJson = File.ReadAllText(Path.Combine(directory, "manifest.json"));
        var domains = ScorecardManifest.Parse(manifestJson).Features;
        using var manifest = JsonDocument.Parse(manifestJson);
        var root = manifest.RootElement;
        var isTrees = root.TryGetProperty("modelFormat", out var format) && format.GetString() == "xgboost-json";
        ICreditModel model = isTrees ? GradientBoostedModel.Load(directory) : Scorecard.Load(directory);
        if (model.ModelName != name)
        {
            throw new InvalidDataException($"the folder says '{name}' but the model calls itself '{model.ModelName}'");
        }

        var kind = root.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : "";
        var metrics = root.TryGetProperty("cvMetrics", out var m) ? m.GetRawText() : "{}";
        return new LoadedModel(name, version, kind, model, domains, metrics, manifestSha, DateTime.UtcNow);
    }

    private static string Sha256(params string[] files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Where(File.Exists))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
