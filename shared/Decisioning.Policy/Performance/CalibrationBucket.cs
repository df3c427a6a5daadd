namespace Decisioning.Policy.Performance;

/// <summary>One PD decile (1 = lowest PDs): the PD the model gave on average against the bad rate observed.</summary>
public sealed record CalibrationBucket(int Decile, int Count, double MeanPd, double ObservedBadRate);
