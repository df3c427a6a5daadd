using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.Policy;
using Gateway.Decisions;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using GradeOffer = Decisioning.Policy.GradeOffer;
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
            var response = await clients.CreateClient<CreditScoringContract.CreditScoringClient>(nameof(CreditScoringContract.CreditScoringClient)).ScoreAsync(ToScoreRequest(request), callOptions);
            var reasons = new Reason[response.Reasons.Count];
            for (var i = 0; i < reasons.Length; i++)
            {
                reasons[i] = new Reason(response.Reasons[i].Code, response.Reasons[i].Description);
            }

            return new ModelScore(response.Pd, response.Score, response.Grade, response.ModelVersion, reasons);
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
            var response = await clients.CreateClient<PricingContract.PricingClient>(nameof(PricingContract.PricingClient)).QuoteAsync(
                new QuoteRequest { Product = request.Product, Amount = request.Amount!.Value, TermMonths = request.TermMonths!.Value },
                callOptions);
            var offers = new GradeOffer[response.Offers.Count];
            for (var i = 0; i < offers.Length; i++)
            {
                var o = response.Offers[i];
                offers[i] = new GradeOffer(o.Grade, o.AnnualRatePct, o.AprPct, DecimalValue.ToDecimal(o.MonthlyPayment), DecimalValue.ToDecimal(o.FinalPayment), DecimalValue.ToDecimal(o.TotalRepayable), o.Capped);
            }

            return new PriceGrid(response.PricingVersion, offers);
        }
        catch (Exception ex) when (!callOptions.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Pricing call failed: {Failure}", Failure(ex));
            metrics.RecordModelUnavailable(DecisionMetrics.PricingModel);
            return null;
        }
    }

    private static string Failure(Exception ex) => ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name;

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
