namespace Decisioning.Grpc;

/// <summary>A call that finished with a non-OK status, on the client or thrown by a server handler.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception for <paramref name="status"/> with optional trailers.</summary>
    public RpcException(Status status, Metadata? trailers = null)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    internal RpcException(Status status, Metadata? trailers, Exception? innerException)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The trailers sent (server) or received (client) with the status.</summary>
    public Metadata Trailers { get; }
}
