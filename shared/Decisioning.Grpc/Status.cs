namespace Decisioning.Grpc;

/// <summary>The outcome of a call: a status code and a human-readable detail.</summary>
/// <param name="StatusCode">The gRPC status code.</param>
/// <param name="Detail">The detail message (sent percent-encoded as <c>grpc-message</c>).</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The successful status with an empty detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
