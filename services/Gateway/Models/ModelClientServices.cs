using Decisioning.Contracts.Clients;
using Decisioning.Contracts.Telemetry;
using Gateway.Health;
using Grpc.Core;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Gateway.Models;

public static class ModelClientServices
{
    public const string CreditScoring = "credit-scoring";
    public const string Pricing = "pricing";

    // One client per model service (pooled HTTP/2 connections from the client factory), each behind its own
    // circuit breaker. Calls are balanced round-robin over the service's replicas (see ModelOptions for the
    // addresses): only replicas with a connection ready are picked, and a call that fails before any replica
    // answered it (a replica gone) is sent once more, to another (ReplicaBalancer). The health checks ask the services' grpc.health.v1 over the clients' own channels, so that the
    // Gateway says healthy only when the channel its decisions use is connected (and its breaker closed).
    public static IHostApplicationBuilder AddCreditModelClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelCircuitBreakerOptions>().BindConfiguration(ModelCircuitBreakerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GrpcMetricsInterceptor>();
        builder.Services.AddSingleton<ResolverFactory>(services => new DnsResolverFactory(
            TimeSpan.FromSeconds(services.GetRequiredService<IOptions<ModelOptions>>().Value.DnsRefreshSeconds)));
        builder.Services.AddSingleton<LoadBalancerFactory, ReplicaBalancerFactory>();
        builder.Services.AddSingleton<ResolverFactory>(services => new StaticResolverFactory(
            address => Replicas(services.GetRequiredService<IOptions<ModelOptions>>().Value, address)));
        AddClient<CreditScoringContract.CreditScoringClient>(builder, CreditScoring, o => o.CreditScoringAddress);
        AddClient<PricingContract.PricingClient>(builder, Pricing, o => o.PricingAddress);
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(CreditScoring, HealthCheck<CreditScoringContract.CreditScoringClient>, HealthStatus.Degraded, null))
            .Add(new HealthCheckRegistration(Pricing, HealthCheck<PricingContract.PricingClient>, HealthStatus.Degraded, null));
        return builder;
    }

    private static void AddClient<TClient>(IHostApplicationBuilder builder, string service, Func<ModelOptions, Uri> address)
        where TClient : class
    {
        builder.Services.AddKeyedSingleton(service, (services, _) => new ModelCircuitBreaker(
            service, services.GetRequiredService<IOptions<ModelCircuitBreakerOptions>>().Value, services.GetRequiredService<ILogger<ModelCircuitBreaker>>()));
        // grpc-dotnet logs its calls itself; the HTTP client factory's request logging and scopes would only add work to every call.
        var client = builder.Services.AddGrpcClient<TClient>((services, o) => o.Address = address(services.GetRequiredService<IOptions<ModelOptions>>().Value))
            .ConfigureChannel(Channel)
            .RemoveAllLoggers();
        // The breaker is outermost, so calls it suspends are not counted as calls made.
        if (builder.Configuration.GetValue($"{ModelCircuitBreakerOptions.Section}:{nameof(ModelCircuitBreakerOptions.Enabled)}", true))
        {
            client.AddInterceptor(services => services.GetRequiredKeyedService<ModelCircuitBreaker>(service));
        }

        client.AddInterceptor<GrpcMetricsInterceptor>();
    }

    // An answer over 1 MB (a score is a few hundred bytes, a model card a few kilobytes) is refused unread, as a
    // failure. A replica that comes back is called again within a second (grpc-dotnet's backoff grows to two minutes).
    public const int MaxAnswerBytes = 1024 * 1024;

    private static void Channel(GrpcChannelOptions channel)
    {
        channel.MaxReceiveMessageSize = MaxAnswerBytes;
        channel.Credentials = ChannelCredentials.Insecure;
        channel.ServiceConfig = new ServiceConfig
        {
            LoadBalancingConfigs = { new LoadBalancingConfig(ReplicaBalancerFactory.PolicyName) },
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 2,
                        InitialBackoff = TimeSpan.FromMilliseconds(5),
                        MaxBackoff = TimeSpan.FromMilliseconds(20),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        };
        channel.InitialReconnectBackoff = TimeSpan.FromMilliseconds(200);
        channel.MaxReconnectBackoff = TimeSpan.FromSeconds(1);
    }

    private static IEnumerable<BalancerAddress> Replicas(ModelOptions options, Uri address)
    {
        var name = address.AbsolutePath.Trim('/');
        if (!options.Replicas.TryGetValue(name, out var replicas) || replicas.Length == 0)
        {
            throw new InvalidOperationException($"{address} names no replicas: set {ModelOptions.Section}:Replicas:{name}:0 (host:port) and on.");
        }

        return replicas.Select(replica =>
        {
            var colon = replica.LastIndexOf(':');
            return colon > 0 && int.TryParse(replica.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? new BalancerAddress(replica[..colon], port)
                : throw new InvalidOperationException($"{ModelOptions.Section}:Replicas:{name} holds '{replica}', which is not host:port.");
        });
    }

    private static ModelServiceHealthCheck HealthCheck<TClient>(IServiceProvider services)
        where TClient : class, IChannelClient =>
        new(new HealthClient(services.GetRequiredService<GrpcClientFactory>().CreateClient<TClient>(typeof(TClient).Name).Invoker));
}
