namespace Gateway.Decisions;

/// <summary>What the Gateway accepts for a product; pricing keeps its own, stricter configuration.</summary>
public sealed record ProductLimits(decimal MinAmount, decimal MaxAmount, int MinTermMonths, int MaxTermMonths);
