using System.Diagnostics;
using CreditScoring.Cards;
using CreditScoring.Registry;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Text;
using Grpc.Core;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace CreditScoring.Scoring;

// The gRPC face of the model registry: a thin adapter, the logic is in the models.
public sealed class CreditScoringService(ModelRegistry registry, ScoringMetrics metrics, ModelCards cards) : CreditScoringContract.CreditScoringBase
{
    /// <summary>The most applications one <c>ScoreChallengerBatch</c> call may carry.</summary>
    public const int MaxBatch = 256;

    /// <summary>The most applications one <c>ScoreBatch</c> call may carry.</summary>
    public const int MaxScoreBatch = 1000;

    public override Task<ScoreResponse> Score(ScoreRequest request, ServerCallContext context)
    {
        var model = ModelFor(registry.Current, request);
        var started = Stopwatch.GetTimestamp();
        var response = CreditScoringApi.Score(model, request);
        metrics.RecordScore(response, Stopwatch.GetElapsedTime(started));
        // Telemetry: the server span says which model answered, so a trace explains a decision's score.
        Activity.Current?.SetTag("decisioning.model.name", response.ModelName);
        Activity.Current?.SetTag("decisioning.model.version", response.ModelVersion);
        return Task.FromResult(response);
    }

    public override Task<ChallengerScoresResponse> ScoreChallengers(ScoreRequest request, ServerCallContext context) =>
        Task.FromResult(Challengers(registry.Current, request));

    public override Task<ChallengerBatchResponse> ScoreChallengerBatch(ChallengerBatchRequest request, ServerCallContext context)
    {
        if (request.Applications.Count > MaxBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A batch holds at most {MaxBatch} applications; this one has {request.Applications.Count}."));
        }

        var set = registry.Current;
        var response = new ChallengerBatchResponse();
        for (var i = 0; i < request.Applications.Count; i++)
        {
            try
            {
                response.Results.Add(Challengers(set, request.Applications[i]));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Application {i}: {ex.Status.Detail}"));
            }
        }

        return Task.FromResult(response);
    }

    public override Task<ScoreBatchResponse> ScoreBatch(ScoreBatchRequest request, ServerCallContext context)
    {
        if (request.Applications.Count > MaxScoreBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A batch holds at most {MaxScoreBatch} applications; this one has {request.Applications.Count}."));
        }

        var set = registry.Current;
        var response = new ScoreBatchResponse();
        foreach (var application in request.Applications)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var score = CreditScoringApi.Score(ModelFor(set, application), application);
                metrics.RecordScore(score, Stopwatch.GetElapsedTime(started));
                response.Results.Add(new ScoreBatchResult { Score = score });
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound)
            {
                response.Results.Add(new ScoreBatchResult { Error = ex.Status.Detail });
            }
        }

        return Task.FromResult(response);
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context) =>
        Task.FromResult(CreditScoringApi.ListModels(registry.Current));

    public override async Task<ModelCardResponse> GetModelCard(ModelCardRequest request, ServerCallContext context)
    {
        if (!ModelCards.IsFolderName(request.Name) || !ModelCards.IsFolderName(request.Version))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                "A model name and version are plain folder names: letters, digits, '.', '_' and '-', starting with a letter or digit."));
        }

        var card = await cards.ReadAsync(request.Name, request.Version, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No card for model '{request.Name}' version '{request.Version}'."));
        return new ModelCardResponse { CardJson = card };
    }

    // The exact version the request names, else the model it names, else the champion.
    private static LoadedModel ModelFor(ModelSet set, ScoreRequest request)
    {
        if (request.ModelVersion.Length > 0)
        {
            return set.ByVersion.TryGetValue(request.ModelVersion, out var version) ? version
                : throw new RpcException(new Status(StatusCode.NotFound, $"No model version '{EchoedInput.Shorten(request.ModelVersion)}' is loaded."));
        }

        return request.ModelName.Length == 0 ? set.Champion
            : set.ByName.TryGetValue(request.ModelName, out var named) ? named
            : throw new RpcException(new Status(StatusCode.NotFound, $"No model named '{EchoedInput.Shorten(request.ModelName)}' is loaded."));
    }

    private ChallengerScoresResponse Challengers(ModelSet set, ScoreRequest request)
    {
        var response = new ChallengerScoresResponse();
        foreach (var challenger in set.Challengers)
        {
            var started = Stopwatch.GetTimestamp();
            var score = CreditScoringApi.Score(challenger, request);
            metrics.RecordScore(score, Stopwatch.GetElapsedTime(started));
            response.Scores.Add(score);
        }

        return response;
    }
}
