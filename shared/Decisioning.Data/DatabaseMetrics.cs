using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Decisioning.Data;

/// <summary>
/// The database client's metrics in every process that uses the stores: how long each store operation takes
/// (<c>decisioning_db_query_seconds{operation}</c>, from asking the pool for a connection to the last row read, so
/// waiting for a free connection shows too) and how many pooled connections are idle and busy
/// (<c>decisioning_db_connections{state}</c>, with <c>decisioning_db_connections_max</c>, summed over the process's
/// pools, read from Npgsql's own pool instruments). Labels are operation names and states, nothing else.
/// </summary>
public static class DatabaseMetrics
{
    /// <summary>The meter's name; it is a <c>Decisioning.*</c> meter, so <c>/metrics</c> exposes it.</summary>
    public const string MeterName = "Decisioning.Data";

    private const string NpgsqlMeter = "Npgsql";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "decisioning.db.query", "s", "Time of a store operation, from asking the pool for a connection to its last row, by operation.");
    private static readonly MeterListener Pools = new();
    private static readonly Lock Gate = new();
    private static long s_idle;
    private static long s_busy;
    private static long s_max;

    static DatabaseMetrics()
    {
        Pools.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == NpgsqlMeter && instrument.Name is "db.client.connection.count" or "db.client.connection.max")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        Pools.SetMeasurementEventCallback<int>(static (instrument, value, tags, _) => OnPoolMeasurement(instrument, value, tags));
        Pools.SetMeasurementEventCallback<long>(static (instrument, value, tags, _) => OnPoolMeasurement(instrument, value, tags));
        Pools.Start();
        Meter.CreateObservableGauge("decisioning.db.connections", ObserveConnections, "{connection}",
            "Pooled database connections, by state: idle (open, free) and busy (handed out).");
        Meter.CreateObservableGauge("decisioning.db.connections.max", () => { ObservePools(); return Volatile.Read(ref s_max); }, "{connection}",
            "The most connections the process's pools may open.");
    }

    /// <summary>Makes the pool gauges exist from the start (before the first operation); call once at startup.</summary>
    public static void Start() => RuntimeHelpers.RunClassConstructor(typeof(DatabaseMetrics).TypeHandle);

    /// <summary>Times one store operation until the returned timer is disposed; <paramref name="operation"/> is a fixed name.</summary>
    public static OperationTimer Time(string operation) => new(operation, Stopwatch.GetTimestamp());

    internal static void Record(string operation, long startedAt) =>
        Duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    private static IEnumerable<Measurement<long>> ObserveConnections()
    {
        ObservePools();
        return
        [
            new(Volatile.Read(ref s_idle), new KeyValuePair<string, object?>("state", "idle")),
            new(Volatile.Read(ref s_busy), new KeyValuePair<string, object?>("state", "busy")),
        ];
    }

    // Npgsql reports each pool's counts when asked; they are summed afresh on every read.
    private static void ObservePools()
    {
        lock (Gate)
        {
            s_idle = s_busy = s_max = 0;
            Pools.RecordObservableInstruments();
        }
    }

    private static void OnPoolMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.Name == "db.client.connection.max")
        {
            s_max += value;
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "db.client.connection.state")
            {
                if (tag.Value as string == "idle")
                {
                    s_idle += value;
                }
                else
                {
                    s_busy += value;
                }
            }
        }
    }
}
