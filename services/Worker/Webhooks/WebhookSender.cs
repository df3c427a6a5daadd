using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Decisioning.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Prometheus;
using Worker.Outbox;

namespace Worker.Webhooks;

// Sends due deliveries: claims a batch, posts each (up to MaxConcurrency at once) signed per Standard Webhooks, and
// records the outcome (DeliveryRules). Each endpoint has its own circuit breaker: while it is open, that endpoint's
// deliveries are put off without an attempt, so one dead receiver holds no sender slots the others need.
public sealed class WebhookSender : BackgroundService
{
    private const int KeptResponseBytes = 1024;

    private static readonly ActivitySource Source = new(RabbitMqPublisher.ActivitySourceName);

    private readonly WebhookDeliveryQueue _queue;
    private readonly WebhookDeliveryOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _http;
    private readonly IReadOnlyList<TimeSpan> _delays;
    private readonly ConcurrentDictionary<Guid, ResiliencePipeline<HttpResponseMessage>> _breakers = new();
    private readonly Counter _deliveries;
    private readonly Histogram _duration;
    private readonly Gauge _dead;

    public WebhookSender(WebhookDeliveryQueue queue, IOptions<WebhookDeliveryOptions> options, TimeProvider clock, IMetricFactory metrics, ILogger<WebhookSender> logger)
    {
        _queue = queue;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _delays = _options.RetryDelays;
        var handler = WebhookAddressGuard.CreateHandler(_options.AllowedHosts, TimeSpan.FromSeconds(Math.Min(5, _options.TimeoutSeconds)));
        // What a host name resolves to is looked up again at least this often.
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Decisioning-Webhooks/1");
        _deliveries = metrics.CreateCounter("decisioning_webhook_deliveries_total",
            "Webhook delivery attempts by outcome: delivered, retrying (failed, tried again later), dead (failed, attempts exhausted), gone (410, endpoint disabled), postponed (circuit open: not sent, counted as a failed attempt), dropped (endpoint deleted or disabled: not sent, dead).",
            ["outcome"]);
        foreach (var outcome in new[] { "delivered", "retrying", "dead", "gone", "postponed", "dropped" })
        {
            _deliveries.WithLabels(outcome);
        }

        _duration = metrics.CreateHistogram("decisioning_webhook_delivery_seconds", "Duration of webhook delivery attempts, from connect to the response's status.",
            new HistogramConfiguration { Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _dead = metrics.CreateGauge("decisioning_webhook_dead_deliveries", "Webhook deliveries of active endpoints that are dead (attempts exhausted), until redriven.",
            new GaugeConfiguration { SuppressInitialValue = true });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        var nextCount = DateTimeOffset.MinValue;
        var nextForget = DateTimeOffset.MinValue;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var batch = await _queue.ClaimAsync(_options.BatchSize, lease, stoppingToken);
                claimed = batch.Count;
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = stoppingToken }, SendAsync);
                if (_clock.GetUtcNow() >= nextCount)
                {
                    _dead.Set(await _queue.CountDeadAsync(stoppingToken));
                    nextCount = _clock.GetUtcNow().AddSeconds(15);
                }

                if (_clock.GetUtcNow() >= nextForget)
                {
                    await _queue.ForgetExpiredSecretsAsync(stoppingToken);
                    nextForget = _clock.GetUtcNow().AddHours(1);
                }

                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Claimed deliveries whose outcome could not be recorded are claimed again when their lease runs out.
                if (!failing)
                {
                    _logger.LogWarning(ex, "Sending webhooks failed ({Error}); retrying every {Milliseconds} ms", ex.Message, _options.PollMilliseconds);
                }

                failing = true;
            }

            // A full batch suggests more are due: go on at once; otherwise poll.
            if (claimed < _options.BatchSize)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.PollMilliseconds), _clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    // One delivery's failure never ends the batch: what was not recorded is claimed again when its lease runs out.
    private async ValueTask SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            await SendOneAsync(delivery, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly; it is tried again when its lease runs out", delivery.DeliveryId);
        }
    }

    private async Task SendOneAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        // A batch waits for its slowest attempts: one whose lease would run out during the attempt is left to the next
        // claim, so that no other sender can take it while this one is still sending.
        if (delivery.LeaseUntil - now < TimeSpan.FromSeconds(_options.TimeoutSeconds + 5))
        {
            return;
        }

        if (delivery.Deleted || delivery.Disabled)
        {
            var reason = delivery.Deleted ? "Not sent: the endpoint was deleted." : "Not sent: the endpoint is disabled.";
            await RecordAsync(delivery, new DeliveryOutcome("dead", Attempted: false, null, reason, NextAttemptAt: null), "dropped", stoppingToken);
            return;
        }

        var breaker = _breakers.GetOrAdd(delivery.EndpointId, _ => CreateBreaker());
        int? statusCode = null;
        string? error = null;
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(delivery);
        try
        {
            var response = await breaker.ExecuteAsync(async token => await PostAsync(delivery, token), stoppingToken);
            (statusCode, error) = await ReadAsync(response);
        }
        catch (BrokenCircuitException)
        {
            // No request, but an attempt of the schedule: a long outage's backlog spreads out and ends dead, as sent ones would.
            const string NotSent = "Not sent: the endpoint's circuit is open after repeated failures.";
            await RecordAsync(delivery, DeliveryRules.After(delivery, null, NotSent, _delays, Random.Shared.NextDouble(), now), "postponed", stoppingToken);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            error = ex is OperationCanceledException ? $"No answer within {_options.TimeoutSeconds} s." : ex.Message;
        }

        _duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("http.response.status_code", statusCode);
        // The wait before the next attempt runs from this attempt's end.
        var outcome = DeliveryRules.After(delivery, statusCode, error, _delays, Random.Shared.NextDouble(), _clock.GetUtcNow().UtcDateTime);
        if (statusCode == 410)
        {
            await _queue.DisableEndpointAsync(delivery, "The endpoint answered 410 Gone.", stoppingToken);
        }

        await RecordAsync(delivery, outcome, statusCode == 410 ? "gone" : outcome.Status switch { "delivered" => "delivered", "dead" => "dead", _ => "retrying" }, stoppingToken);
    }

    private async Task<HttpResponseMessage> PostAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var id = delivery.EventId.ToString();
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        string[] secrets = delivery.PreviousSecret is { } previous ? [delivery.Secret, previous] : [delivery.Secret];
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets, id, timestamp, delivery.Body));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response;
    }

    // The status and, for a failure, at most the first KeptResponseBytes of the body.
    private static async Task<(int?, string?)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (status, null);
            }

            var buffer = new byte[KeptResponseBytes];
            var read = 0;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                int n;
                while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0)
                {
                    read += n;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
            {
            }

            // PostgreSQL's text takes no NUL; a binary answer keeps the rest.
            var text = Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
            return (status, text.Length == 0 ? $"HTTP {status}" : $"HTTP {status}: {text}");
        }
    }

    private ResiliencePipeline<HttpResponseMessage> CreateBreaker() =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(_options.BreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is HttpRequestException or OperationCanceledException
                    || args.Outcome.Result is { IsSuccessStatusCode: false, StatusCode: not System.Net.HttpStatusCode.Gone }),
            })
            .Build();

    private async Task RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, string counted, CancellationToken stoppingToken)
    {
        if (await _queue.RecordAsync(delivery, outcome, stoppingToken))
        {
            _deliveries.WithLabels(counted).Inc();
        }
        else
        {
            _logger.LogWarning("Delivery {DeliveryId} took longer than its lease; another sender holds it now", delivery.DeliveryId);
        }
    }

    // The delivery's span, in the trace of the request that made the event (its trace id was stored with the delivery).
    private static Activity? StartActivity(ClaimedDelivery delivery)
    {
        if (delivery.TraceId is not { Length: 32 } traceId || !Source.HasListeners())
        {
            return null;
        }

        var parent = new ActivityContext(ActivityTraceId.CreateFromString(traceId), default, ActivityTraceFlags.Recorded, isRemote: true);
        var activity = Source.StartActivity("webhook deliver", ActivityKind.Internal, parent);
        activity?.SetTag("decisioning.webhook.event_type", delivery.EventType);
        activity?.SetTag("decisioning.webhook.delivery_id", delivery.DeliveryId);
        return activity;
    }
}
