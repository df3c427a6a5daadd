using Google.Protobuf;

namespace Decisioning.Grpc;

/// <summary>A unary method of a service: its name on the wire and its message types.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    /// <summary>Creates a method, e.g. <c>new("decisioning.scoring.v1.CreditScoring", "Score")</c>.</summary>
    /// <param name="serviceName">The fully qualified service name (proto package and service).</param>
    /// <param name="name">The method name.</param>
    public Method(string serviceName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        ActivityName = serviceName + "/" + name;
    }

    /// <summary>The fully qualified service name, e.g. <c>grpc.health.v1.Health</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name, e.g. <c>Check</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 path of the method, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string FullName { get; }

    internal string ActivityName { get; }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
