namespace Decisioning.Policy;

/// <summary>What the platform decided for an application.</summary>
public enum DecisionOutcome
{
    /// <summary>Approved with an offer.</summary>
    Approve,

    /// <summary>Declined.</summary>
    Decline,

    /// <summary>Referred to an underwriter.</summary>
    Refer,
}
