namespace Gateway.Performance;

// Decisions in [from, to) by decision time; null ends are open.
public sealed record ModelPerformanceDocument(string Model, DateTime? From, DateTime? To, IReadOnlyList<ModelVersionPerformance> Versions);
