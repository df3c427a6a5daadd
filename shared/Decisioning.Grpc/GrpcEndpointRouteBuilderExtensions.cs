using System.Runtime.CompilerServices;
using Decisioning.Grpc.Health.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Decisioning.Grpc;

/// <summary>Maps unary gRPC methods onto ASP.NET Core endpoints.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private const string UnimplementedRouteKey = "grpcUnimplementedPath";
    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, object> s_unimplementedMapped = [];

    /// <summary>
    /// Serves <paramref name="method"/> at its path (POST, <c>application/grpc</c>) with <paramref name="handler"/>.
    /// Any other gRPC path of the same route builder answers UNIMPLEMENTED.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddGrpcTransport</c> was not called.</exception>
    public static IEndpointConventionBuilder MapUnaryMethod<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);

        var services = endpoints.ServiceProvider;
        if (services.GetService<GrpcTransportMarker>() is null)
        {
            throw new InvalidOperationException("Call services.AddGrpcTransport() before mapping gRPC methods.");
        }

        var options = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Decisioning.Grpc.Server");
        var callHandler = new UnaryServerCallHandler<TRequest, TResponse>(method, handler, options, logger);

        MapUnimplementedOnce(endpoints);
        RequestDelegate requestDelegate = callHandler.HandleCallAsync;
        return endpoints.MapPost(method.FullName, requestDelegate)
            .WithDisplayName("gRPC " + method.FullName)
            .WithMetadata(method);
    }

    /// <summary>
    /// Serves <c>grpc.health.v1.Health/Check</c> from the <see cref="HealthServiceImpl"/> singleton.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetService<HealthServiceImpl>()
            ?? throw new InvalidOperationException("Call services.AddGrpcTransport() before mapping the health service.");
        return endpoints.MapUnaryMethod<HealthCheckRequest, HealthCheckResponse>(HealthMethods.Check, health.Check);
    }

    private static void MapUnimplementedOnce(IEndpointRouteBuilder endpoints)
    {
        if (!s_unimplementedMapped.TryAdd(endpoints, s_unimplementedMapped))
        {
            return;
        }

        var pattern = RoutePatternFactory.Parse(
            "{**" + UnimplementedRouteKey + "}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { [UnimplementedRouteKey] = new GrpcContentTypeRouteConstraint() });
        endpoints.Map(pattern, GrpcServerResponse.WriteUnimplementedAsync)
            .WithDisplayName("gRPC unimplemented")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]))
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
    }
}
