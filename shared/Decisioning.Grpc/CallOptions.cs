namespace Decisioning.Grpc;

/// <summary>Per-call options of a client call.</summary>
/// <param name="headers">Custom metadata sent as request headers.</param>
/// <param name="deadline">The UTC time after which the call fails with DEADLINE_EXCEEDED; null for none.</param>
/// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
public readonly struct CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
{
    /// <summary>Custom metadata sent as request headers.</summary>
    public Metadata? Headers { get; } = headers;

    /// <summary>The call's deadline (UTC); null for none.</summary>
    public DateTime? Deadline { get; } = deadline;

    /// <summary>Cancels the call.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>A copy with <paramref name="headers"/>.</summary>
    public CallOptions WithHeaders(Metadata? headers) => new(headers, Deadline, CancellationToken);

    /// <summary>A copy with <paramref name="deadline"/>.</summary>
    public CallOptions WithDeadline(DateTime? deadline) => new(Headers, deadline, CancellationToken);

    /// <summary>A copy with <paramref name="cancellationToken"/>.</summary>
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}
