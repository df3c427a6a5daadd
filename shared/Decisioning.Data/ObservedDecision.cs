namespace Decisioning.Data;

/// <summary>A scored decision whose loan outcome is known: what the model said and what happened.</summary>
public sealed record ObservedDecision(string ModelVersion, double Pd, string? Grade, string OutcomeStatus);
