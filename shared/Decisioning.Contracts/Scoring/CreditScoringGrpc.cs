using Decisioning.Grpc;

namespace Decisioning.Contracts.Scoring.V1;

/// <summary>The methods of <c>decisioning.scoring.v1.CreditScoring</c>, as grpc-dotnet would generate them.</summary>
public static class CreditScoringGrpc
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "decisioning.scoring.v1.CreditScoring";

    /// <summary>Scores one application.</summary>
    public static readonly Method<ScoreRequest, ScoreResponse> Score = new(ServiceName, "Score");
}
