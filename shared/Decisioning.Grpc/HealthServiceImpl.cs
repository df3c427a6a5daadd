using System.Collections.Concurrent;
using Decisioning.Grpc.Health.V1;

namespace Decisioning.Grpc;

/// <summary>
/// The serving status behind <c>grpc.health.v1.Health/Check</c>. The empty service name stands for the whole
/// server and starts as SERVING; a service that was never set answers NOT_FOUND, as the health protocol says.
/// </summary>
public sealed class HealthServiceImpl
{
    private readonly ConcurrentDictionary<string, HealthCheckResponse.Types.ServingStatus> _statuses = new(StringComparer.Ordinal)
    {
        [""] = HealthCheckResponse.Types.ServingStatus.Serving,
    };

    /// <summary>Sets the status of <paramref name="service"/> ("" for the whole server).</summary>
    public void SetStatus(string service, HealthCheckResponse.Types.ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses[service] = status;
    }

    /// <summary>Forgets <paramref name="service"/>, so that checks of it answer NOT_FOUND.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses.TryRemove(service, out _);
    }

    /// <summary>The handler of <c>Check</c>.</summary>
    /// <returns>The status, or a task faulted with an <see cref="RpcException"/> NOT_FOUND for an unknown service.</returns>
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_statuses.TryGetValue(request.Service, out var status))
        {
            return Task.FromResult(new HealthCheckResponse { Status = status });
        }

        return Task.FromException<HealthCheckResponse>(new RpcException(new Status(StatusCode.NotFound, "Unknown service.")));
    }
}
