using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Clients;
using Decisioning.Contracts.Types.V1;
using Decisioning.Policy;
using Gateway.Decisions;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

namespace Gateway.Models;

// Asks CreditScoring and Pricing at the same time under one deadline. A model service that is down,
// late or failing yields a null answer (the policy then refers), never an exception.
public sealed class CreditModels(GrpcClientFactory clients, IOptions<ModelOptions> options, DecisionMetrics metrics, ILogger<CreditModels> logger)
{
    public async Task<ModelAnswers> AskAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        var callOptions = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(options.Value.BudgetMilliseconds), cancellationToken: cancellationToken);
        var score = ScoreAsync(request, callOptions);
        var prices = QuoteAsync(request, callOptions);
        return new ModelAnswers(await score, await prices);
    }

    private async Task<ModelScore?> ScoreAsync(DecisionRequest request, CallOptions callOptions)
    {
        try
        {
            var answer = await ScoringClient.ScoreAsync(ToScoreRequest(request), callOptions);
            if (ModelAnswerChecks.ProblemWith(answer) is { } problem)
            {
                logger.LogWarning("CreditScoring answered a score that cannot be used: {Problem}", problem);
                metrics.RecordModelUnavailable(DecisionMetrics.CreditScoringModel);
                return null;
            }

            return PolicyAnswers.ToModelScore(answer);
        }
        catch (Exception ex) when (!callOptions.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("CreditScoring call failed: {Failure}", Failure(ex));
            metrics.RecordModelUnavailable(DecisionMetrics.CreditScoringModel);
            return null;
        }
    }

    private async Task<PriceGrid?> QuoteAsync(DecisionRequest request, CallOptions callOptions)
    {
        try
        {
            var answer = await PricingClient.QuoteAsync(ToQuoteRequest(request), callOptions);
            if (ModelAnswerChecks.ProblemWith(answer, request.Amount!.Value, request.TermMonths!.Value) is { } problem)
            {
                logger.LogWarning("Pricing answered a price grid that cannot be used: {Problem}", problem);
                metrics.RecordModelUnavailable(DecisionMetrics.PricingModel);
                return null;
            }

            return PolicyAnswers.ToPriceGrid(answer);
        }
        catch (Exception ex) when (!callOptions.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Pricing call failed: {Failure}", Failure(ex));
            metrics.RecordModelUnavailable(DecisionMetrics.PricingModel);
            return null;
        }
    }

    /// <summary>
    /// The answers of exact versions, for a replay: a null version is no answer (as when the decision was made without
    /// one). Failures are the caller's to explain, so <see cref="RpcException"/>s propagate.
    /// </summary>
    public async Task<ModelAnswers> AskVersionsAsync(DecisionRequest request, string? modelVersion, string? pricingVersion, CancellationToken cancellationToken)
    {
        var callOptions = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(options.Value.ReplayBudgetMilliseconds), cancellationToken: cancellationToken);
        Task<ScoreResponse>? scoring = null;
        Task<QuoteResponse>? quoting = null;
        if (modelVersion is not null)
        {
            var scoreRequest = ToScoreRequest(request);
            scoreRequest.ModelVersion = modelVersion;
            scoring = ScoringClient.ScoreAsync(scoreRequest, callOptions).ResponseAsync;
        }

        if (pricingVersion is not null)
        {
            var quoteRequest = ToQuoteRequest(request);
            quoteRequest.PricingVersion = pricingVersion;
            quoting = PricingClient.QuoteAsync(quoteRequest, callOptions).ResponseAsync;
        }

        return new ModelAnswers(
            scoring is null ? null : PolicyAnswers.ToModelScore(Usable(await Known(scoring, "model"), ModelAnswerChecks.ProblemWith)),
            quoting is null ? null : PolicyAnswers.ToPriceGrid(Usable(await Known(quoting, "pricingVersion"), q => ModelAnswerChecks.ProblemWith(q, request.Amount!.Value, request.TermMonths!.Value))));
    }

    // An answer out of range fails the replay as a model service's failure would.
    private static T Usable<T>(T answer, Func<T, string?> problemWith) =>
        problemWith(answer) is { } problem ? throw new RpcException(new Status(StatusCode.Internal, "The model service's answer cannot be used: " + problem)) : answer;

    private static async Task<T> Known<T>(Task<T> call, string field)
    {
        try
        {
            return await call;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new UnknownVersionException(field, ex.Status.Detail);
        }
    }

    private CreditScoringContract.CreditScoringClient ScoringClient => clients.CreateClient<CreditScoringContract.CreditScoringClient>(nameof(CreditScoringContract.CreditScoringClient));

    private PricingContract.PricingClient PricingClient => clients.CreateClient<PricingContract.PricingClient>(nameof(PricingContract.PricingClient));

    private static QuoteRequest ToQuoteRequest(DecisionRequest request) =>
        new() { Product = request.Product, Amount = request.Amount!.Value, TermMonths = request.TermMonths!.Value };

    // The status code, and for a failure on this side (a refused connection, a lost stream) what failed; never the
    // server's detail, which could quote the request.
    private static string Failure(Exception ex) => ex switch
    {
        RpcException { Status.DebugException: { } cause } rpc => $"{rpc.StatusCode} ({cause.GetType().Name}: {cause.Message})",
        RpcException rpc => rpc.StatusCode.ToString(),
        _ => ex.GetType().Name,
    };

    public static ScoreRequest ToScoreRequest(DecisionRequest request)
    {
        var a = request.Applicant!;
        return new ScoreRequest
        {
            ApplicationId = request.ApplicationId,
            Amount = request.Amount!.Value,
            TermMonths = request.TermMonths!.Value,
            Purpose = request.Purpose,
            Age = a.Age!.Value,
            CheckingAccount = a.CheckingAccount,
            CreditHistory = a.CreditHistory,
            Savings = a.Savings,
            Employment = a.Employment,
            InstallmentRatePct = a.InstallmentRatePct!.Value,
            OtherDebtors = a.OtherDebtors,
            ResidenceYears = a.ResidenceYears!.Value,
            Property = a.Property,
            OtherInstallmentPlans = a.OtherInstallmentPlans,
            Housing = a.Housing,
            ExistingCredits = a.ExistingCredits!.Value,
            Job = a.Job,
            Dependents = a.Dependents!.Value,
            Telephone = a.Telephone!.Value,
        };
    }
}
