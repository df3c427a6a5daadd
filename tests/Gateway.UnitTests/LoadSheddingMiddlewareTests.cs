using System.Text.Json;
using Gateway.Decisions;
using Gateway.LoadShedding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.UnitTests;

public sealed class LoadSheddingMiddlewareTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddProblemDetails()
        .AddSingleton(Metrics.NewCustomRegistry())
        .AddSingleton<IMetricFactory>(services => Metrics.WithCustomRegistry(services.GetRequiredService<CollectorRegistry>()))
        .AddSingleton<DecisionMetrics>()
        .BuildServiceProvider();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task With_max_n_the_next_concurrent_request_is_shed_while_the_first_n_proceed(int max)
    {
        var release = new TaskCompletionSource();
        var entered = 0;
        var middleware = Middleware(async context =>
        {
            Interlocked.Increment(ref entered);
            await release.Task;
            context.Response.StatusCode = 201;
        }, maxDecisions: max);

        var held = Enumerable.Range(0, max).Select(_ => Request(LoadShedder.Decisions)).ToArray();
        var running = held.Select(middleware.InvokeAsync).ToArray();
        var extra = Request(LoadShedder.Decisions);
        await middleware.InvokeAsync(extra);

        Assert.Equal(max, entered);
        Assert.All(running, task => Assert.False(task.IsCompleted));
        await AssertShedAsync(extra, "decision");
        Assert.Equal(1, ShedCount(LoadShedder.Decisions));

        release.SetResult();
        await Task.WhenAll(running);
        Assert.All(held, context => Assert.Equal(201, context.Response.StatusCode));
    }

    [Fact]
    public async Task A_slot_is_given_back_when_its_request_completes()
    {
        var middleware = Middleware(context =>
        {
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        }, maxDecisions: 1);

        for (var i = 0; i < 3; i++)
        {
            var context = Request(LoadShedder.Decisions);
            await middleware.InvokeAsync(context);
            Assert.Equal(201, context.Response.StatusCode);
        }

        Assert.Equal(0, ShedCount(LoadShedder.Decisions));
    }

    [Fact]
    public async Task A_slot_is_given_back_when_its_request_throws()
    {
        var fail = true;
        var middleware = Middleware(context =>
        {
            if (fail)
            {
                throw new InvalidOperationException("handler failed");
            }

            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        }, maxDecisions: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(Request(LoadShedder.Decisions)));
        fail = false;
        var next = Request(LoadShedder.Decisions);
        await middleware.InvokeAsync(next);

        Assert.Equal(201, next.Response.StatusCode);
    }

    [Fact]
    public async Task A_slot_is_given_back_when_the_client_goes_away()
    {
        var middleware = Middleware(async context =>
        {
            // The first request waits until its client goes away; later ones are answered.
            if (context.RequestAborted.CanBeCanceled)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            context.Response.StatusCode = 201;
        }, maxDecisions: 1);
        using var abort = new CancellationTokenSource();
        var abandoned = Request(LoadShedder.Decisions);
        abandoned.RequestAborted = abort.Token;

        var running = middleware.InvokeAsync(abandoned);
        var whileHeld = Request(LoadShedder.Decisions);
        await middleware.InvokeAsync(whileHeld);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var after = Request(LoadShedder.Decisions);
        await middleware.InvokeAsync(after);

        Assert.Equal(503, whileHeld.Response.StatusCode);
        Assert.Equal(201, after.Response.StatusCode);
    }

    [Fact]
    public async Task History_has_its_own_limit_and_its_own_count()
    {
        var release = new TaskCompletionSource();
        var middleware = Middleware(async _ => await release.Task, maxDecisions: 1, maxHistory: 1);

        var decision = middleware.InvokeAsync(Request(LoadShedder.Decisions));
        var history = middleware.InvokeAsync(Request(LoadShedder.History));
        var shedHistory = Request(LoadShedder.History);
        await middleware.InvokeAsync(shedHistory);

        Assert.False(decision.IsCompleted);
        Assert.False(history.IsCompleted);
        await AssertShedAsync(shedHistory, "history");
        Assert.Equal(1, ShedCount(LoadShedder.History));
        Assert.Equal(0, ShedCount(LoadShedder.Decisions));
        release.SetResult();
        await Task.WhenAll(decision, history);
    }

    [Fact]
    public async Task Endpoints_without_a_limit_are_never_shed()
    {
        var release = new TaskCompletionSource();
        var middleware = Middleware(async _ => await release.Task, maxDecisions: 1, maxHistory: 1);

        var running = Enumerable.Range(0, 5).Select(_ => middleware.InvokeAsync(new DefaultHttpContext())).ToArray();

        Assert.All(running, task => Assert.False(task.IsCompleted));
        release.SetResult();
        await Task.WhenAll(running);
    }

    [Fact]
    public async Task The_in_flight_gauge_counts_the_requests_holding_slots_and_not_the_shed_ones()
    {
        var release = new TaskCompletionSource();
        var middleware = Middleware(async _ => await release.Task, maxDecisions: 2);

        var running = Enumerable.Range(0, 2).Select(_ => middleware.InvokeAsync(Request(LoadShedder.Decisions))).ToArray();
        await middleware.InvokeAsync(Request(LoadShedder.Decisions));

        Assert.Equal(2, InFlight(LoadShedder.Decisions));
        Assert.Equal(0, InFlight(LoadShedder.History));
        release.SetResult();
        await Task.WhenAll(running);
        Assert.Equal(0, InFlight(LoadShedder.Decisions));
    }

    [Fact]
    public void Both_shed_series_exist_before_anything_is_shed()
    {
        _ = _services.GetRequiredService<DecisionMetrics>();

        Assert.Equal(0, ShedCount(LoadShedder.Decisions));
        Assert.Equal(0, ShedCount(LoadShedder.History));
    }

    public void Dispose() => _services.Dispose();

    private LoadSheddingMiddleware Middleware(RequestDelegate next, int maxDecisions = 256, int maxHistory = 64) => new(
        next,
        Options.Create(new LoadSheddingOptions { MaxConcurrentDecisions = maxDecisions, MaxConcurrentHistory = maxHistory }),
        _services.GetRequiredService<IProblemDetailsService>(),
        _services.GetRequiredService<DecisionMetrics>());

    private static DefaultHttpContext Request(string limit)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new LoadSheddingLimit(limit)), limit));
        return context;
    }

    private static async Task AssertShedAsync(DefaultHttpContext context, string kind)
    {
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        var root = problem.RootElement;
        Assert.StartsWith("https://", root.GetProperty("type").GetString());
        Assert.Equal("Service overloaded", root.GetProperty("title").GetString());
        Assert.Equal(503, root.GetProperty("status").GetInt32());
        var detail = root.GetProperty("detail").GetString()!;
        Assert.Contains("overloaded", detail, StringComparison.Ordinal);
        Assert.Contains($"{kind} requests", detail, StringComparison.Ordinal);
        Assert.Contains("retry after 1 s", detail, StringComparison.OrdinalIgnoreCase);
    }

    // Null (no series) fails the comparison with 0 too: both series must exist before anything is shed.
    private double? ShedCount(string endpoint) => RegistryReading.ValueAsync(
        _services.GetRequiredService<CollectorRegistry>(), $"decisioning_requests_shed_total{{endpoint=\"{endpoint}\"}}").GetAwaiter().GetResult();

    private double? InFlight(string endpoint) => RegistryReading.ValueAsync(
        _services.GetRequiredService<CollectorRegistry>(), $"decisioning_requests_in_flight{{endpoint=\"{endpoint}\"}}").GetAwaiter().GetResult();
}
