using Grpc.Core;

namespace Decisioning.Contracts.Clients;

/// <summary>
/// A generated client that lends its call invoker (its channel, with the interceptors it was made with) to calls of
/// another service on the same server, such as <c>grpc.health.v1</c>: they then travel the channel the client's own
/// calls use, and say whether that channel works.
/// </summary>
public interface IChannelClient
{
    /// <summary>The client's call invoker.</summary>
    CallInvoker Invoker { get; }
}
