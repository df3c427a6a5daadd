namespace Decisioning.IntegrationTests.Deployment;

// One object of a built overlay: BuiltIn is the typed model for the Kubernetes API's own kinds; Document is the YAML
// as read, for the operators' kinds. Path reads the document ("spec.backup.barmanObjectStore.destinationPath").
public sealed record KubernetesObject(string Id, string ApiVersion, string Kind, string Name, object? BuiltIn, Dictionary<object, object> Document)
{
    public object? Path(string path)
    {
        object? node = Document;
        foreach (var step in path.Split('.'))
        {
            node = node is Dictionary<object, object> map && map.TryGetValue(step, out var next) ? next : null;
        }

        return node;
    }

    public string Require(string path) =>
        Path(path) is { } value and not Dictionary<object, object> and not List<object> && value.ToString() is { Length: > 0 } text
            ? text
            : throw new Xunit.Sdk.XunitException($"{Id}: {path} is required.");
}
