using Decisioning.Contracts.Clients;
using Decisioning.Contracts.Telemetry;
using Gateway.Health;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Grpc.Core;
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
    // circuit breaker; the health checks ask the services' grpc.health.v1 over the clients' own channels, so that the
    // Gateway says healthy only when the channel its decisions use is connected (and its breaker closed).
    public static IHostApplicationBuilder AddCreditModelClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelCircuitBreakerOptions>().BindConfiguration(ModelCircuitBreakerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GrpcMetricsInterceptor>();
        builder.Services.AddSingleton<ResolverFactory>(new DnsResolverFactory(refreshInterval: TimeSpan.FromSeconds(30)));
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
            .ConfigureChannel((services, channel) =>
            {
                ReconnectPromptly(channel);
                if (address(services.GetRequiredService<IOptions<ModelOptions>>().Value).Scheme == "dns")
                {
                    BalanceOverEveryAddress(channel, services);
                }
            })
            .RemoveAllLoggers();
        // The breaker is outermost, so calls it suspends are not counted as calls made.
        if (builder.Configuration.GetValue($"{ModelCircuitBreakerOptions.Section}:{nameof(ModelCircuitBreakerOptions.Enabled)}", true))
        {
            client.AddInterceptor(services => services.GetRequiredKeyedService<ModelCircuitBreaker>(service));
        }

        client.AddInterceptor<GrpcMetricsInterceptor>();
    }

    // A model service that comes back is called again within a second (grpc-dotnet's backoff grows to two minutes).
    private static void ReconnectPromptly(GrpcChannelOptions channel)
    {
        channel.InitialReconnectBackoff = TimeSpan.FromMilliseconds(200);
        channel.MaxReconnectBackoff = TimeSpan.FromSeconds(1);
    }

    // dns:///credit-scoring:5101 (a Kubernetes headless Service): the channel resolves every pod's address and spreads
    // calls over them, where one long-lived HTTP/2 connection to a virtual IP would keep a single pod busy. The
    // resolver looks again every 30 s (the DnsResolverFactory registered above), so pods added by the autoscaler get calls.
    private static void BalanceOverEveryAddress(GrpcChannelOptions channel, IServiceProvider services)
    {
        channel.ServiceProvider = services;
        channel.Credentials = ChannelCredentials.Insecure;
        channel.ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
    }

    private static ModelServiceHealthCheck HealthCheck<TClient>(IServiceProvider services)
        where TClient : class, IChannelClient =>
        new(new HealthClient(services.GetRequiredService<GrpcClientFactory>().CreateClient<TClient>(typeof(TClient).Name).Invoker));
}
