using System.Net;
using System.Net.Sockets;
using Decisioning.Contracts.Scoring.V1;
using Gateway.Models;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.UnitTests;

public sealed class ModelClientAddressTests
{
    // A dns:/// address (Kubernetes' headless Services) takes the balancing channel; a configuration it cannot run
    // with (transport, credentials, resolver) would fail every call with something other than Unavailable.
    [Theory]
    [InlineData("dns:///localhost:{0}")]
    [InlineData("http://127.0.0.1:{0}")]
    public async Task A_model_service_that_does_not_answer_is_unavailable_whatever_the_address_scheme(string address)
    {
        var port = UnusedPort();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:CreditScoringAddress"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, port),
            ["Models:PricingAddress"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, port),
            ["Models:CircuitBreaker:Enabled"] = "false",
        });
        builder.Services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section);
        builder.AddCreditModelClients();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<CreditScoringContract.CreditScoringClient>();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.ScoreAsync(new ScoreRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
