using Decisioning.Contracts.Clients;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Policy;
using Grpc.Core;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;
using Worker.Decisions;

namespace Worker.Backtests;

// The model services' answers for a chunk's applications, in batches: the candidate model's scores (or the stored
// ones when the candidate keeps each decision's model) and the price grid of each decision's pricing version, asked
// once per distinct product, amount and term. An application the candidate cannot score or price has no answer.
public sealed class CandidateAnswers(CreditScoringContract.CreditScoringClient scoring, PricingContract.PricingClient pricing, IOptions<BacktestOptions> options)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    public async Task<(ModelScore?[] Scores, PriceGrid?[] Prices, int Unscored, int Unpriced)> AskAsync(IReadOnlyList<DecisionRow> rows, string? candidateModel, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var scores = new ModelScore?[rows.Count];
        var unscored = 0;
        if (candidateModel is null)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                scores[i] = BacktestEvaluation.StoredScore(rows[i]);
            }
        }
        else
        {
            for (var start = 0; start < rows.Count; start += batch)
            {
                var request = new ScoreBatchRequest();
                for (var i = start; i < Math.Min(rows.Count, start + batch); i++)
                {
                    request.Applications.Add(ToScoreRequest(rows[i], candidateModel));
                }

                var response = await scoring.ScoreBatchAsync(request, Deadline(cancellationToken));
                for (var i = 0; i < response.Results.Count; i++)
                {
                    var result = response.Results[i];
                    scores[start + i] = result.Score is { } score ? PolicyAnswers.ToModelScore(score) : null;
                    unscored += result.Score is null ? 1 : 0;
                }
            }
        }

        var (prices, unpriced) = await PriceAsync(rows, batch, cancellationToken);
        return (scores, prices, unscored, unpriced);
    }

    private async Task<(PriceGrid?[] Prices, int Unpriced)> PriceAsync(IReadOnlyList<DecisionRow> rows, int batch, CancellationToken cancellationToken)
    {
        var keys = rows.Where(r => r.PricingVersion is not null).Select(Key).Distinct().ToList();
        var grids = new Dictionary<(string, decimal, int, string), PriceGrid?>();
        for (var start = 0; start < keys.Count; start += batch)
        {
            var request = new QuoteBatchRequest();
            var part = keys.GetRange(start, Math.Min(batch, keys.Count - start));
            foreach (var (product, amount, term, version) in part)
            {
                request.Quotes.Add(new QuoteRequest { Product = product, Amount = amount, TermMonths = term, PricingVersion = version });
            }

            var response = await pricing.QuoteBatchAsync(request, Deadline(cancellationToken));
            for (var i = 0; i < part.Count; i++)
            {
                grids[part[i]] = response.Results[i].Quote is { } quote ? PolicyAnswers.ToPriceGrid(quote) : null;
            }
        }

        var prices = new PriceGrid?[rows.Count];
        var unpriced = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].PricingVersion is not null)
            {
                prices[i] = grids[Key(rows[i])];
                unpriced += prices[i] is null ? 1 : 0;
            }
        }

        return (prices, unpriced);
    }

    private static (string, decimal, int, string) Key(DecisionRow row) => (row.Product, row.Amount, row.TermMonths, row.PricingVersion!);

    private static CallOptions Deadline(CancellationToken cancellationToken) => new(deadline: DateTime.UtcNow.Add(CallTimeout), cancellationToken: cancellationToken);

    private static ScoreRequest ToScoreRequest(DecisionRow row, string modelVersion) => new()
    {
        ModelVersion = modelVersion,
        Amount = row.Amount,
        TermMonths = row.TermMonths,
        Purpose = row.Purpose,
        Age = row.Age,
        CheckingAccount = row.CheckingAccount,
        CreditHistory = row.CreditHistory,
        Savings = row.Savings,
        Employment = row.Employment,
        InstallmentRatePct = row.InstallmentRatePct,
        OtherDebtors = row.OtherDebtors,
        ResidenceYears = row.ResidenceYears,
        Property = row.Property,
        OtherInstallmentPlans = row.OtherInstallmentPlans,
        Housing = row.Housing,
        ExistingCredits = row.ExistingCredits,
        Job = row.Job,
        Dependents = row.Dependents,
        Telephone = row.Telephone,
    };
}
