using System.Diagnostics.Metrics;

namespace Gateway.Decisions;

// What the business side of the Gateway did. Every label comes from a bounded set: outcomes, policy
// versions, configured products, reason codes, model names; never anything the applicant sent.
public sealed class DecisionMetrics
{
    public const string MeterName = "Decisioning.Gateway";
    public const string CreditScoringModel = "credit_scoring";
    public const string PricingModel = "pricing";
    public const string Created = "created";
    public const string Replayed = "replayed";
    public const string KeyConflict = "key_conflict";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _reasons;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _modelUnavailable;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _challengerDisagreements;
    private readonly Counter<long> _challengerFailures;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _shed;

    public DecisionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("decisioning.decisions", description: "New decisions made, by outcome, policy version and product.");
        _reasons = meter.CreateCounter<long>("decisioning.decision_reasons", description: "Reason codes given with new decisions, by reason code and outcome.");
        _replays = meter.CreateCounter<long>("decisioning.idempotent_replays", description: "Requests answered with the stored decision of their Idempotency-Key.");
        _modelUnavailable = meter.CreateCounter<long>("decisioning.model_unavailable", description: "Decisions made without a model's answer (down, late or failing), by model.");
        _duration = meter.CreateHistogram<double>("decisioning.decision.duration", "s", "Time to decide (models, policy, storage), by result: created, replayed or key_conflict.");

        _challengerDisagreements = meter.CreateCounter<long>("decisioning.challenger_disagreements", description: "Decisions a challenger would have put in another policy band (approve, refer, decline) than the champion, by model versions.");
        _challengerFailures = meter.CreateCounter<long>("decisioning.challenger_failures", description: "Decisions the challengers could not score or whose scores could not be stored or queued.");

        _rateLimited = meter.CreateCounter<long>("decisioning.rate_limited", description: "Requests refused with 429 because the tenant was over its rate limit, by limit (Decisions, History).");
        _shed = meter.CreateCounter<long>("decisioning.requests_shed", description: "Requests refused with 503 because the Gateway had its maximum of requests in flight, by limit (Decisions, History).");

        // Series that exist from the start, so rates and alerts see zero rather than nothing.
        _replays.Add(0);
        _challengerFailures.Add(0);
        _rateLimited.Add(0, new KeyValuePair<string, object?>("endpoint", "Decisions"));
        _rateLimited.Add(0, new KeyValuePair<string, object?>("endpoint", "History"));
        _shed.Add(0, new KeyValuePair<string, object?>("endpoint", "Decisions"));
        _shed.Add(0, new KeyValuePair<string, object?>("endpoint", "History"));
        _modelUnavailable.Add(0, new KeyValuePair<string, object?>("model", CreditScoringModel));
        _modelUnavailable.Add(0, new KeyValuePair<string, object?>("model", PricingModel));
    }

    public void RecordDecision(DecisionDocument document, string product)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", document.Outcome);
        _decisions.Add(1, outcome, new KeyValuePair<string, object?>("policy_version", document.PolicyVersion), new KeyValuePair<string, object?>("product", product));
        for (var i = 0; i < document.Reasons.Count; i++)
        {
            _reasons.Add(1, new KeyValuePair<string, object?>("reason", document.Reasons[i].Code), outcome);
        }
    }

    public void RecordReplay() => _replays.Add(1);

    public void RecordModelUnavailable(string model) => _modelUnavailable.Add(1, new KeyValuePair<string, object?>("model", model));

    public void RecordDuration(string result, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", result));

    // Agreements add zero, so the pair's series exists from its first score and rates see 0, not nothing.
    public void RecordChallengerScore(string champion, string challenger, bool disagrees) =>
        _challengerDisagreements.Add(disagrees ? 1 : 0, new KeyValuePair<string, object?>("champion", champion), new KeyValuePair<string, object?>("challenger", challenger));

    public void RecordRateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("endpoint", policy));

    public void RecordShed(string limit) => _shed.Add(1, new KeyValuePair<string, object?>("endpoint", limit));

    public void RecordChallengerFailure() => _challengerFailures.Add(1);
}
