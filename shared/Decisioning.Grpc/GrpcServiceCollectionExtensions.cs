using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Decisioning.Grpc;

/// <summary>Registers the gRPC transport's server services.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="GrpcEndpointRouteBuilderExtensions.MapUnaryMethod{TRequest, TResponse}"/> needs:
    /// options, routing and the <see cref="HealthServiceImpl"/> singleton.
    /// </summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServiceOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcTransportMarker>();
        services.TryAddSingleton<HealthServiceImpl>();
        return services;
    }
}
