using Decisioning.Grpc;
using Decisioning.Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Contracts.Inference;

/// <summary>Maps <c>inference.GRPCInferenceService</c> onto our unary gRPC transport.</summary>
public static class InferenceEndpointRouteBuilderExtensions
{
    /// <summary>Serves the six methods of the protocol from <paramref name="server"/> and marks the service SERVING in grpc.health.v1.</summary>
    public static IEndpointRouteBuilder MapInferenceService(this IEndpointRouteBuilder endpoints, InferenceServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(server);
        endpoints.MapUnaryMethod(InferenceGrpc.ServerLive, (request, _) => Task.FromResult(server.ServerLive(request)));
        endpoints.MapUnaryMethod(InferenceGrpc.ServerReady, (request, _) => Task.FromResult(server.ServerReady(request)));
        endpoints.MapUnaryMethod(InferenceGrpc.ModelReady, (request, _) => Task.FromResult(server.ModelReady(request)));
        endpoints.MapUnaryMethod(InferenceGrpc.ServerMetadata, (request, _) => Task.FromResult(server.ServerMetadata(request)));
        endpoints.MapUnaryMethod(InferenceGrpc.ModelMetadata, (request, _) => Task.FromResult(server.ModelMetadata(request)));
        endpoints.MapUnaryMethod(InferenceGrpc.ModelInfer, (request, _) => Task.FromResult(server.ModelInfer(request)));
        endpoints.ServiceProvider.GetRequiredService<HealthServiceImpl>().SetStatus(InferenceGrpc.ServiceName, HealthCheckResponse.Types.ServingStatus.Serving);
        return endpoints;
    }
}
