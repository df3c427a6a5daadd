using Decisioning.ServiceDefaults.Metrics;
using Prometheus;

namespace Gateway.Decisions;

// What the business side of the Gateway did. Every label comes from a bounded set: outcomes, policy
// versions, configured products, reason codes, model names; never anything the applicant sent.
public sealed class DecisionMetrics
{
    public const string CreditScoringModel = "credit_scoring";
    public const string PricingModel = "pricing";
    public const string Created = "created";
    public const string Replayed = "replayed";
    public const string KeyConflict = "key_conflict";

    private readonly Counter _decisions;
    private readonly Counter _reasons;
    private readonly Counter _replays;
    private readonly Counter _modelUnavailable;
    private readonly Histogram _duration;
    private readonly Counter _challengerDisagreements;
    private readonly Counter _challengerFailures;
    private readonly Counter _challengerDropped;
    private readonly Counter _rateLimited;
    private readonly Counter _shed;
    private readonly Gauge _inFlight;

    public DecisionMetrics(IMetricFactory metrics)
    {
        _decisions = metrics.CreateCounter("decisioning_decisions_total", "New decisions made, by outcome, policy version and product.", ["outcome", "policy_version", "product"]);
        _reasons = metrics.CreateCounter("decisioning_decision_reasons_total", "Reason codes given with new decisions, by reason code and outcome.", ["reason", "outcome"]);
        _replays = metrics.CreateCounter("decisioning_idempotent_replays_total", "Requests answered with the stored decision of their Idempotency-Key.");
        _modelUnavailable = metrics.CreateCounter("decisioning_model_unavailable_total", "Decisions made without a model's answer (down, late or failing), by model.", ["model"]);
        _duration = metrics.CreateHistogram("decisioning_decision_duration_seconds", "Time to decide (models, policy, storage), by result: created, replayed or key_conflict.",
            new HistogramConfiguration { LabelNames = ["result"], Buckets = [.. HistogramBuckets.Latency] });

        _challengerDisagreements = metrics.CreateCounter("decisioning_challenger_disagreements_total", "Decisions a challenger would have put in another policy band (approve, refer, decline) than the champion, by model versions.", ["champion", "challenger"]);
        _challengerFailures = metrics.CreateCounter("decisioning_challenger_failures_total", "Decisions the challengers could not score or whose scores could not be stored.");
        _challengerDropped = metrics.CreateCounter("decisioning_challenger_dropped_total", "Decisions not handed to the challengers because their queue was full.");

        _rateLimited = metrics.CreateCounter("decisioning_rate_limited_total", "Requests refused with 429 because the tenant was over its rate limit, by limit (Decisions, History).", ["endpoint"]);
        _shed = metrics.CreateCounter("decisioning_requests_shed_total", "Requests refused with 503 because the Gateway had its maximum of requests in flight, by limit (Decisions, History).", ["endpoint"]);

        // What a HorizontalPodAutoscaler scales the Gateway on (through prometheus-adapter): work in hand, which CPU lags.
        _inFlight = metrics.CreateGauge("decisioning_requests_in_flight", "Requests being served now under a load-shedding limit, by limit (Decisions, History).", ["endpoint"]);

        // Series that exist from the start, so rates and alerts see zero rather than nothing.
        foreach (var endpoint in new[] { "Decisions", "History" })
        {
            _rateLimited.WithLabels(endpoint);
            _shed.WithLabels(endpoint);
            _inFlight.WithLabels(endpoint);
        }

        _modelUnavailable.WithLabels(CreditScoringModel);
        _modelUnavailable.WithLabels(PricingModel);
    }

    public void RecordDecision(DecisionDocument document, string product)
    {
        _decisions.WithBoundedLabels(document.Outcome, document.PolicyVersion, product).Inc();
        for (var i = 0; i < document.Reasons.Count; i++)
        {
            _reasons.WithBoundedLabels(document.Reasons[i].Code, document.Outcome).Inc();
        }
    }

    public void RecordReplay() => _replays.Inc();

    public void RecordModelUnavailable(string model) => _modelUnavailable.WithLabels(model).Inc();

    public void RecordDuration(string result, TimeSpan elapsed) => _duration.WithLabels(result).Observe(elapsed.TotalSeconds);

    // Agreements add zero, so the pair's series exists from its first score and rates see 0, not nothing.
    public void RecordChallengerScore(string champion, string challenger, bool disagrees) =>
        _challengerDisagreements.WithBoundedLabels(champion, challenger).Inc(disagrees ? 1 : 0);

    public void RecordRateLimited(string policy) => _rateLimited.WithLabels(policy).Inc();

    public void RecordShed(string limit) => _shed.WithLabels(limit).Inc();

    public Gauge.Child InFlight(string limit) => _inFlight.WithLabels(limit);

    public void RecordChallengerFailures(int decisions) => _challengerFailures.Inc(decisions);

    public void RecordChallengerDropped() => _challengerDropped.Inc();
}
