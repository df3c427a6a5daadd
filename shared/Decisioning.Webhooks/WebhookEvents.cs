namespace Decisioning.Webhooks;

/// <summary>The event types an endpoint can subscribe to, as they are named on the broker and in webhook bodies.</summary>
public static class WebhookEvents
{
    /// <summary>Every decision made.</summary>
    public const string DecisionMade = "decision.made.v1";

    /// <summary>An underwriter resolved a referred decision.</summary>
    public const string ReviewResolved = "review.resolved.v1";

    /// <summary>Sent on request to check an endpoint; never subscribed to.</summary>
    public const string Test = "webhook.test.v1";

    /// <summary>What an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> Subscribable = [DecisionMade, ReviewResolved];
}
