using Decisioning.Grpc;

namespace Decisioning.Contracts.Scoring.V1;

/// <summary>The methods of <c>decisioning.scoring.v1.CreditScoring</c>, as grpc-dotnet would generate them.</summary>
public static class CreditScoringGrpc
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "decisioning.scoring.v1.CreditScoring";

    /// <summary>Scores one application.</summary>
    public static readonly Method<ScoreRequest, ScoreResponse> Score = new(ServiceName, "Score");

    /// <summary>Scores one application with every configured challenger.</summary>
    public static readonly Method<ScoreRequest, ChallengerScoresResponse> ScoreChallengers = new(ServiceName, "ScoreChallengers");

    /// <summary>Lists the loaded models.</summary>
    public static readonly Method<ListModelsRequest, ListModelsResponse> ListModels = new(ServiceName, "ListModels");
}
