using System.Diagnostics;
using Prometheus;

namespace Decisioning.Data;

/// <summary>
/// How long each store operation takes, as <c>decisioning_db_query_seconds{operation}</c>: from asking the pool for a
/// connection to the last row read, so waiting for a free connection shows too. The label is the operation's fixed
/// name, nothing else. The pools' connections are Npgsql's own meter (<c>npgsql_db_client_connection_count</c>).
/// </summary>
public static class DatabaseMetrics
{
    private static Histogram? s_duration;

    /// <summary>Records store operations in <paramref name="metrics"/> (the host's registry) from now on; call once at startup.</summary>
    public static void Start(IMetricFactory metrics) => s_duration = metrics.CreateHistogram(
        "decisioning_db_query_seconds",
        "Time of a store operation, from asking the pool for a connection to its last row, by operation.",
        new HistogramConfiguration { LabelNames = ["operation"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    /// <summary>Times one store operation until the returned timer is disposed; <paramref name="operation"/> is a fixed name.</summary>
    public static OperationTimer Time(string operation) => new(operation, Stopwatch.GetTimestamp());

    internal static void Record(string operation, long startedAt) =>
        s_duration?.WithLabels(operation).Observe(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
}
