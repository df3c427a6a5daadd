using Decisioning.Grpc;

namespace Decisioning.Contracts.Scoring.V1;

/// <summary>Typed client of the CreditScoring service over a shared channel.</summary>
public sealed class CreditScoringClient(GrpcChannel channel)
{
    /// <summary>Scores one application.</summary>
    public Task<ScoreResponse> ScoreAsync(ScoreRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(CreditScoringGrpc.Score, request, options);

    /// <summary>Scores one application with every configured challenger.</summary>
    public Task<ChallengerScoresResponse> ScoreChallengersAsync(ScoreRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(CreditScoringGrpc.ScoreChallengers, request, options);

    /// <summary>Lists the loaded models.</summary>
    public Task<ListModelsResponse> ListModelsAsync(CallOptions options = default) =>
        channel.UnaryCallAsync(CreditScoringGrpc.ListModels, new ListModelsRequest(), options);
}
