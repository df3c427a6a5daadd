namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>An exemplar as Prometheus stored it: the labels of its series and its own.</summary>
public sealed record StoredExemplar(
    IReadOnlyDictionary<string, string> SeriesLabels, IReadOnlyDictionary<string, string> Labels, double Value, DateTimeOffset Timestamp);
