using System.Net;
using Decisioning.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Decisioning.IntegrationTests.Grpc;

// A real Kestrel on 127.0.0.1 at a free port, serving the echo service and grpc.health.v1 over h2c.
public sealed class GrpcTestServer : IAsyncDisposable
{
    public const string BrokenPath = "/decisioning.testing.v1.Broken/Unavailable";

    private static readonly TimeSpan s_startStopTimeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address, EchoHandlers handlers, TestLoggerProvider logs)
    {
        _app = app;
        Address = address;
        Handlers = handlers;
        Logs = logs;
    }

    public Uri Address { get; }

    public EchoHandlers Handlers { get; }

    public TestLoggerProvider Logs { get; }

    public HealthServiceImpl Health => _app.Services.GetRequiredService<HealthServiceImpl>();

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcServiceOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new TestLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcTransport(configure);

        var app = builder.Build();
        var handlers = new EchoHandlers();
        app.MapUnaryMethod(EchoMethods.Echo, handlers.Echo);
        app.MapUnaryMethod(EchoMethods.Slow, handlers.Slow);
        app.MapUnaryMethod(EchoMethods.Fail, handlers.Fail);
        app.MapUnaryMethod(EchoMethods.EchoHeader, handlers.EchoHeader);
        app.MapGrpcHealthService();
        // Stands in for a proxy that answers a gRPC call with a plain HTTP error.
        app.MapPost(BrokenPath, (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });

        await app.StartAsync().WaitAsync(s_startStopTimeout);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GrpcTestServer(app, new Uri(address), handlers, logs);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        using var stopTimeout = new CancellationTokenSource(s_startStopTimeout);
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
    }
}
