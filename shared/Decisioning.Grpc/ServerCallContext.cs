namespace Decisioning.Grpc;

/// <summary>The server side of one call, as seen by a handler. Subclass it to test handlers without a host.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string Method => MethodCore;

    /// <summary>The host the call was sent to (the <c>:authority</c>).</summary>
    public string Host => HostCore;

    /// <summary>The caller's address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>The call's deadline in UTC; <see cref="DateTime.MaxValue"/> when the caller set none.</summary>
    public DateTime Deadline => DeadlineCore;

    /// <summary>The caller's custom metadata (reserved and HTTP/2 headers removed).</summary>
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Fires when the caller cancels, disconnects, or the deadline passes.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>The status sent when the handler returns; a non-OK status turns the call into an error.</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    /// <summary>Implementation of <see cref="Method"/>.</summary>
    protected abstract string MethodCore { get; }

    /// <summary>Implementation of <see cref="Host"/>.</summary>
    protected abstract string HostCore { get; }

    /// <summary>Implementation of <see cref="Peer"/>.</summary>
    protected abstract string PeerCore { get; }

    /// <summary>Implementation of <see cref="Deadline"/>.</summary>
    protected abstract DateTime DeadlineCore { get; }

    /// <summary>Implementation of <see cref="RequestHeaders"/>.</summary>
    protected abstract Metadata RequestHeadersCore { get; }

    /// <summary>Implementation of <see cref="CancellationToken"/>.</summary>
    protected abstract CancellationToken CancellationTokenCore { get; }

    /// <summary>Implementation of <see cref="ResponseTrailers"/>.</summary>
    protected abstract Metadata ResponseTrailersCore { get; }

    /// <summary>Implementation of <see cref="Status"/>.</summary>
    protected abstract Status StatusCore { get; set; }
}
