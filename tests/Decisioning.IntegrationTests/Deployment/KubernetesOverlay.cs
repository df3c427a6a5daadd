using System.Collections.Concurrent;
using System.Reflection;
using Decisioning.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace Decisioning.IntegrationTests.Deployment;

// One overlay of deploy/k8s built by kubectl's kustomize and validated twice, offline: every object against the JSON
// schema of its kind (KubernetesSchemas/validate.mjs: the Kubernetes API's and the Prometheus Operator's schemas from
// the pinned npm packages kubernetes-models and @kubernetes-models/prometheus-operator: required fields, types,
// enumerations), and the Kubernetes API's kinds read strictly into KubernetesClient's models, so a field the API
// does not have fails. Objects of CloudNativePG's and RabbitMQ's kinds stay generic; the tests check what we rely on.
public sealed class KubernetesOverlay
{
    private static readonly Dictionary<string, Type> s_builtInKinds = typeof(V1Pod).Assembly.GetTypes()
        .Select(type => (type, entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(pair => pair.entity is { Kind.Length: > 0 } && !pair.type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(pair => Key(pair.entity!.Group, pair.entity.ApiVersion, pair.entity.Kind))
        .ToDictionary(group => group.Key, group => group.First().type);

    private static readonly IDeserializer s_generic = new DeserializerBuilder().Build();

    // Built once per test run and overlay, for all the tests that read it.
    private static readonly ConcurrentDictionary<string, Lazy<Task<KubernetesOverlay>>> s_built = new();

    private KubernetesOverlay(string name, IReadOnlyList<KubernetesObject> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<KubernetesObject> Objects { get; }

    public static IEnumerable<string> Names =>
        Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays")).Select(Path.GetFileName).Order()!;

    public IEnumerable<T> OfType<T>() => Objects.Select(o => o.BuiltIn).OfType<T>();

    public IEnumerable<KubernetesObject> Custom(string apiVersion, string kind) =>
        Objects.Where(o => o.ApiVersion == apiVersion && o.Kind == kind);

    public static Task<KubernetesOverlay> BuildAsync(string name) =>
        s_built.GetOrAdd(name, overlay => new Lazy<Task<KubernetesOverlay>>(() => ReadAsync(overlay))).Value;

    private static async Task<KubernetesOverlay> ReadAsync(string name)
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("kubectl (with kustomize v5) is needed to build deploy/k8s; none at /usr/bin or /usr/local/bin.");
        var yaml = await ProcessRunner.RunAsync(kubectl, ["kustomize", Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays", name)], TimeSpan.FromSeconds(120));
        await ValidateSchemasAsync(name, yaml);

        var objects = new List<KubernetesObject>();
        foreach (var document in yaml.Split("\n---\n").Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            var generic = s_generic.Deserialize<Dictionary<object, object>>(document);
            var apiVersion = (string)generic["apiVersion"];
            var kind = (string)generic["kind"];
            var metadata = (Dictionary<object, object>)generic["metadata"];
            var id = $"{kind} {metadata["name"]} ({name})";
            var (group, version) = apiVersion.Contains('/') ? (apiVersion[..apiVersion.IndexOf('/')], apiVersion[(apiVersion.IndexOf('/') + 1)..]) : ("", apiVersion);
            object? builtIn = null;
            if (s_builtInKinds.TryGetValue(Key(group, version, kind), out var type))
            {
                try
                {
                    builtIn = KubernetesYaml.LoadAllFromString(document, new Dictionary<string, Type> { [$"{apiVersion}/{kind}"] = type }, strict: true).Single();
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException($"{id} does not match the Kubernetes schema of {apiVersion} {kind}: {ex.GetBaseException().Message}", ex);
                }

            }
            else if (group.Length == 0 || group.EndsWith(".k8s.io", StringComparison.Ordinal) || group is "apps" or "batch" or "policy" or "autoscaling")
            {
                throw new InvalidOperationException($"{id}: {apiVersion} {kind} is not a kind of the Kubernetes API this test is pinned to.");
            }

            objects.Add(new KubernetesObject(id, apiVersion, kind, (string)metadata["name"], builtIn, generic));
        }

        return new KubernetesOverlay(name, objects);
    }

    private static async Task ValidateSchemasAsync(string name, string yaml)
    {
        var schemas = Path.Combine(RepositoryPaths.Root, "tests", "Decisioning.IntegrationTests", "Deployment", "KubernetesSchemas");
        if (!Directory.Exists(Path.Combine(schemas, "node_modules")))
        {
            throw new InvalidOperationException($"The schemas are not installed: npm ci --prefix {schemas} (test.sh does).");
        }

        var built = Path.Combine(Path.GetTempPath(), $"decisioning-k8s-{name}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(built, yaml);
        try
        {
            var report = await ProcessRunner.RunAsync("node", [Path.Combine(schemas, "validate.mjs"), built], TimeSpan.FromSeconds(120));
            var withoutSchema = report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order();
            // What has no schema here is what the operator tests read field by field.
            Assert.Equal(["unchecked: postgresql.cnpg.io/v1 Cluster", "unchecked: rabbitmq.com/v1beta1 RabbitmqCluster"],
                withoutSchema.Where(line => !line.Contains("ScheduledBackup", StringComparison.Ordinal)));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"Overlay {name}: objects that do not match their schema:\n{ex.Message}", ex);
        }
        finally
        {
            File.Delete(built);
        }
    }

    private static string Key(string group, string version, string kind) => $"{group}/{version}/{kind}";
}
