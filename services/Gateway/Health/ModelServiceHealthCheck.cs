using Decisioning.Grpc;
using Decisioning.Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

// A model service that does not answer its gRPC health check makes the Gateway degraded, not
// unready: decisions go on (as referrals) without it.
public sealed class ModelServiceHealthCheck(GrpcChannel channel) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await channel.UnaryCallAsync(
                HealthMethods.Check,
                new HealthCheckRequest(),
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: cancellationToken));
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"Not serving: {response.Status}.");
        }
        catch (RpcException ex)
        {
            return HealthCheckResult.Degraded($"Unreachable: {ex.StatusCode}.");
        }
    }
}
