using Decisioning.Grpc.Health.V1;

namespace Decisioning.Grpc;

/// <summary>The methods of the standard <c>grpc.health.v1.Health</c> service.</summary>
public static class HealthMethods
{
    /// <summary>The fully qualified name of the health service.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    /// <summary><c>/grpc.health.v1.Health/Check</c>.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = new(ServiceName, "Check");
}
