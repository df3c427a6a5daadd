namespace Decisioning.Data;

/// <summary>Records a store operation's duration in <see cref="DatabaseMetrics"/> when disposed.</summary>
public readonly struct OperationTimer(string operation, long startedAt) : IDisposable
{
    public void Dispose() => DatabaseMetrics.Record(operation, startedAt);
}
