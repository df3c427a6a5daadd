using Decisioning.Contracts.Scoring.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Decisioning.IntegrationTests.Inference;

// The Gateway scores challengers a batch at a time: one call gives, per application and in order, what one call
// per application gives, and a bad batch is refused as a whole with a message that says which application.
public sealed class ChallengerBatchTests(ModelServicesFixture services) : IClassFixture<ModelServicesFixture>
{
    [Fact]
    public async Task A_batch_answers_each_application_in_order_as_single_calls_do()
    {
        using var channel = GrpcChannel.ForAddress(services.CreditScoringAddress);
        var client = new Decisioning.Contracts.Scoring.V1.CreditScoring.CreditScoringClient(channel);
        ScoreRequest[] applications = [Application(1500, "car_new"), Application(14000, "business"), Application(800, "repairs")];

        var batch = await client.ScoreChallengerBatchAsync(new ChallengerBatchRequest { Applications = { applications } });
        var singles = await Task.WhenAll(applications.Select(a => client.ScoreChallengersAsync(a).ResponseAsync));

        Assert.Equal(applications.Length, batch.Results.Count);
        Assert.Equal(singles, batch.Results);
        Assert.All(batch.Results, r => Assert.Equal("german-gbm", Assert.Single(r.Scores).ModelName));
        Assert.Equal(3, batch.Results.Select(r => r.Scores[0].Pd).Distinct().Count());
        Assert.Empty((await client.ScoreChallengerBatchAsync(new ChallengerBatchRequest())).Results);
    }

    [Fact]
    public async Task A_bad_batch_is_refused_whole_naming_the_application()
    {
        using var channel = GrpcChannel.ForAddress(services.CreditScoringAddress);
        var client = new Decisioning.Contracts.Scoring.V1.CreditScoring.CreditScoringClient(channel);
        var invalid = Application(1500, "car_new");
        invalid.CheckingAccount = "sometimes";

        var one = await Assert.ThrowsAsync<RpcException>(() => client.ScoreChallengerBatchAsync(
            new ChallengerBatchRequest { Applications = { Application(1500, "car_new"), invalid } }).ResponseAsync);
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => client.ScoreChallengerBatchAsync(
            new ChallengerBatchRequest { Applications = { Enumerable.Range(0, 257).Select(_ => Application(1500, "car_new")) } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, one.StatusCode);
        Assert.StartsWith("Application 1: ", one.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("checking", one.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Contains("at most 256", tooMany.Status.Detail, StringComparison.Ordinal);
    }

    private static ScoreRequest Application(decimal amount, string purpose) => new()
    {
        Amount = amount, TermMonths = 24, Purpose = purpose, Age = 35, CheckingAccount = "lt_0", CreditHistory = "existing_paid",
        Savings = "lt_100", Employment = "1_to_4y", InstallmentRatePct = 2, OtherDebtors = "none", ResidenceYears = 2,
        Property = "car_other", OtherInstallmentPlans = "none", Housing = "own", ExistingCredits = 1, Job = "skilled",
        Dependents = 1, Telephone = false,
    };
}
