using CreditScoring.Registry;
using CreditScoring.Scoring;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditScoring.UnitTests.Registry;

public sealed class ScoreRequestValidationTests : IDisposable
{
    private readonly ModelRegistry _registry = new(
        Options.Create(new ModelRegistryOptions
        {
            ModelsRoot = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models"),
            Champion = "german-scorecard",
            Challengers = ["german-gbm"],
        }),
        NullLogger<ModelRegistry>.Instance);

    private static ScoreRequest Valid() => new()
    {
        Amount = 5000, TermMonths = 24, Purpose = "car_used", Age = 35, CheckingAccount = "lt_0", CreditHistory = "existing_paid",
        Savings = "lt_100", Employment = "1_to_4y", InstallmentRatePct = 2, OtherDebtors = "none", ResidenceYears = 2, Property = "car_other",
        OtherInstallmentPlans = "none", Housing = "own", ExistingCredits = 1, Job = "skilled", Dependents = 1, Telephone = false,
    };

    [Theory]
    [InlineData("amount", 50_000)]
    [InlineData("termMonths", 600)]
    [InlineData("age", 0)]
    public void A_value_outside_the_manifests_range_is_invalid_argument_naming_the_feature(string feature, double value)
    {
        var request = Valid();
        switch (feature)
        {
            case "amount": request.Amount = (decimal)value; break;
            case "termMonths": request.TermMonths = (int)value; break;
            default: request.Age = (int)value; break;
        }

        foreach (var model in new[] { _registry.Current.Champion, _registry.Current.Challengers[0] })
        {
            var error = Assert.Throws<RpcException>(() => CreditScoringApi.Score(model, request));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains($"'{feature}'", error.Status.Detail);
        }
    }

    [Fact]
    public void A_malformed_amount_is_invalid_argument_naming_the_feature()
    {
        var request = Valid();
        request.Amount = new DecimalValue { Units = 5000, Nanos = -1 };

        var error = Assert.Throws<RpcException>(() => CreditScoringApi.Score(_registry.Current.Champion, request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'amount'", error.Status.Detail);
    }

    [Fact]
    public void An_unknown_category_is_invalid_argument_and_a_valid_request_scores()
    {
        var request = Valid();
        request.Housing = "castle";

        var error = Assert.Throws<RpcException>(() => CreditScoringApi.Score(_registry.Current.Champion, request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("housing", error.Status.Detail);
        Assert.Equal("german-scorecard-1", CreditScoringApi.Score(_registry.Current.Champion, Valid()).ModelVersion);
    }

    public void Dispose() => _registry.Dispose();
}
