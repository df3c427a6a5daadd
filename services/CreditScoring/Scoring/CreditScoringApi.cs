using CreditScoring.Inference;
using CreditScoring.Registry;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Text;
using Decisioning.Contracts.Types.V1;
using Grpc.Core;

namespace CreditScoring.Scoring;

// Maps requests of decisioning.scoring.v1.CreditScoring onto the models and back; the logic is in the models.
public static class CreditScoringApi
{
    public static IEndpointRouteBuilder MapCreditScoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CreditScoringService>();
        return app;
    }

    public static ListModelsResponse ListModels(ModelSet set)
    {
        var response = new ListModelsResponse();
        foreach (var model in set.ByName.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            response.Models.Add(new ModelInfo
            {
                Name = model.Name,
                Version = model.Version,
                ModelVersion = model.Model.ModelVersion,
                Kind = model.Kind,
                Role = model == set.Champion ? "champion" : set.Challengers.Contains(model) ? "challenger" : "available",
                MetricsJson = model.MetricsJson,
                LoadedAt = model.LoadedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                FilesSha256 = model.FilesSha256,
            });
        }

        response.ModelVersions.AddRange(set.ByVersion.Keys.Order(StringComparer.Ordinal));
        return response;
    }

    public static ScoreResponse Score(LoadedModel model, ScoreRequest request)
    {
        CheckRanges(model.Domains, request);
        return Score(model.Model, request);
    }

    public static ScoreResponse Score(ICreditModel model, ScoreRequest request)
    {
        ScoreResult result;
        try
        {
            result = model.Score(new ApplicantFeatures(
                Amount(request), request.TermMonths, request.Purpose, request.Age, request.CheckingAccount, request.CreditHistory,
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

    // The models read the amount as a number; a malformed one is refused like any invalid feature.
    private static double Amount(ScoreRequest request) =>
        DecimalValue.TryToDecimal(request.Amount, out var amount)
            ? (double)amount
            : throw new RpcException(new Status(StatusCode.InvalidArgument, "Invalid value for feature 'amount'."));

    // A numeric feature outside the range the model's manifest allows (0 for one that is missing) is refused by name.
    private static void CheckRanges(IReadOnlyList<FeatureDomain> domains, ScoreRequest request)
    {
        foreach (var domain in domains)
        {
            if (!domain.IsNumeric)
            {
                continue;
            }

            double? value = domain.Name switch
            {
                "amount" => Amount(request),
                "termMonths" => request.TermMonths,
                "age" => request.Age,
                "installmentRatePct" => request.InstallmentRatePct,
                "residenceYears" => request.ResidenceYears,
                "existingCredits" => request.ExistingCredits,
                "dependents" => request.Dependents,
                _ => null,
            };
            if (value is { } v && !(v >= domain.Min && v <= domain.Max))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Feature '{domain.Name}' is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}, outside the model's range [{domain.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {domain.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)}]."));
            }
        }
    }

}
