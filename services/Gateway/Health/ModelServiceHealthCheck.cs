using Grpc.Core;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

// A model service that does not answer its gRPC health check makes the Gateway degraded, not
// unready: decisions go on (as referrals) without it.
public sealed class ModelServiceHealthCheck(HealthClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: cancellationToken);
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
