using Decisioning.Grpc;

namespace Decisioning.Contracts.Scoring.V1;

/// <summary>Typed client of the CreditScoring service over a shared channel.</summary>
public sealed class CreditScoringClient(GrpcChannel channel)
{
    /// <summary>Scores one application.</summary>
    public Task<ScoreResponse> ScoreAsync(ScoreRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(CreditScoringGrpc.Score, request, options);
}
