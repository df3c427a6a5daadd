namespace Decisioning.IntegrationTests.Observability;

public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
