namespace Decisioning.Data;

/// <summary>What a redrive of a delivery did.</summary>
public enum WebhookRedrive
{
    /// <summary>The tenant has no such endpoint or delivery.</summary>
    NotFound,

    /// <summary>The delivery is not dead: it is delivered, or still being tried.</summary>
    NotDead,

    /// <summary>The endpoint is disabled (it answered 410 Gone) or deleted.</summary>
    EndpointInactive,

    /// <summary>The delivery will be tried again at once, with a new retry schedule.</summary>
    Redriven,
}
