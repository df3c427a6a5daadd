using Decisioning.Data;

namespace Gateway.Models;

// The bands behind the agreement rate are the given policy version's PD cut-offs.
public sealed record ChallengerComparisonDocument(string Champion, string Challenger, string PolicyVersion, ChallengerComparison Comparison);
