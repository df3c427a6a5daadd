using System.Diagnostics;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Grpc;
using Decisioning.Grpc.Health.V1;

namespace CreditScoring.Scoring;

// The gRPC face of the scorecard: a thin adapter, all logic is in Scorecard.
public static class CreditScoringApi
{
    public static IEndpointRouteBuilder MapCreditScoringApi(this IEndpointRouteBuilder app)
    {
        var scorecard = app.ServiceProvider.GetRequiredService<Scorecard>();
        var metrics = app.ServiceProvider.GetRequiredService<ScoringMetrics>();
        app.MapUnaryMethod(CreditScoringGrpc.Score, (request, context) =>
        {
            var started = Stopwatch.GetTimestamp();
            var response = Score(scorecard, request);
            metrics.RecordScore(response, Stopwatch.GetElapsedTime(started));
            // Telemetry: the server span says which model answered, so a trace explains a decision's score.
            Activity.Current?.SetTag("decisioning.model.name", response.ModelName);
            Activity.Current?.SetTag("decisioning.model.version", response.ModelVersion);
            return Task.FromResult(response);
        });
        app.ServiceProvider.GetRequiredService<HealthServiceImpl>().SetStatus(CreditScoringGrpc.ServiceName, HealthCheckResponse.Types.ServingStatus.Serving);
        return app;
    }

    public static ScoreResponse Score(Scorecard scorecard, ScoreRequest request)
    {
        ScoreResult result;
        try
        {
            result = scorecard.Score(new ApplicantFeatures(
                request.Amount, request.TermMonths, request.Purpose, request.Age, request.CheckingAccount, request.CreditHistory,
                request.Savings, request.Employment, request.InstallmentRatePct, request.OtherDebtors, request.ResidenceYears,
                request.Property, request.OtherInstallmentPlans, request.Housing, request.ExistingCredits, request.Job,
                request.Dependents, request.Telephone));
        }
        catch (InvalidFeatureValueException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Invalid value for feature '{ex.Feature}'."));
        }

        var response = new ScoreResponse
        {
            Pd = result.ProbabilityOfDefault,
            Score = result.Points,
            Grade = result.Grade,
            ModelName = result.ModelName,
            ModelVersion = result.ModelVersion,
        };
        foreach (var reason in result.Reasons)
        {
            response.Reasons.Add(new Decisioning.Contracts.Scoring.V1.ReasonCode { Code = reason.Code, Description = reason.Description, Contribution = reason.Contribution });
        }

        return response;
    }
}
