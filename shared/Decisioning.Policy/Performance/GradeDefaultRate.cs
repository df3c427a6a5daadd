namespace Decisioning.Policy.Performance;

/// <summary>How the loans of one risk grade turned out.</summary>
public sealed record GradeDefaultRate(string Grade, int Count, int BadCount, double DefaultRate);
