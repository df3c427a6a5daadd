using Decisioning.Contracts.Scoring.V1;

namespace Gateway.Models;

// A decision to score with the challengers once it has been answered.
public sealed record ChallengerJob(string TenantId, Guid DecisionId, DateTime DecidedAt, ScoreRequest Request, double ChampionPd, string ChampionModelVersion);
