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
        var byName = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        foreach (var nameDirectory in Directory.Exists(_root) ? Directory.GetDirectories(_root) : [])
        {
            var name = Path.GetFileName(nameDirectory);
            var versions = Directory.GetDirectories(nameDirectory)
                .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : -1)
                .ToList();
            if (versions.Count == 0)
            {
                continue;
            }

            var newest = versions[0];
            var version = Path.GetFileName(newest);
            var manifestSha = Sha256(Path.Combine(newest, "manifest.json"), Path.Combine(newest, "model.json"));
            if (previous?.ByName.TryGetValue(name, out var serving) == true && serving.Version == version && serving.FilesSha256 == manifestSha)
            {
                byName[name] = serving;
                continue;
            }

            try
            {
                byName[name] = LoadOne(name, version, newest, manifestSha);
                _logger.LogInformation("Loaded model {Name} version {Version} ({Kind})", name, version, byName[name].Kind);
            }
            catch (Exception ex) when (ex is ScorecardLoadException or GbmLoadException or IOException or JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
            {
                var keeps = previous?.ByName.GetValueOrDefault(name);
                _logger.LogError("Refused model {Name} version {Version}: {Reason}. {Serving}", name, version, ex.Message,
                    keeps is null ? "Nothing of that name is serving." : $"Version {keeps.Version} keeps serving.");
                if (keeps is not null)
                {
                    byName[name] = keeps;
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

        return new ModelSet(byName, champion, challengers);
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
