using System.Text.Json;
using CreditScoring.Inference;
using CreditScoring.Scoring;
using Decisioning.Contracts.Inference;
using Decisioning.Contracts.Scoring.V1;
using Grpc.Core;

namespace CreditScoring.UnitTests.Inference;

public sealed class ScorecardInferenceModelTests
{
    private static readonly ScorecardInferenceModel Model =
        new(CommittedModel.Scorecard, ScorecardManifest.Parse(CommittedModel.ManifestJson));

    private static readonly ApplicantFeatures[] Batch =
    [
        Applicants.Example,
        Applicants.Example with { Amount = 15000, TermMonths = 60, CheckingAccount = "none", Telephone = true, Age = 22 },
        Applicants.Example with { Amount = 250, Savings = "ge_1000", Purpose = "education", Dependents = 2 },
    ];

    [Fact]
    public async Task Metadata_lists_every_manifest_feature_and_the_four_outputs()
    {
        var server = new InferenceServer("s", "1", [Model]);

        var metadata = await server.ModelMetadata(new ModelMetadataRequest { Name = "german-scorecard" }, null!);

        Assert.Equal(["1"], metadata.Versions);
        Assert.Equal(CommittedModel.Scorecard.FeatureNames.Order(), metadata.Inputs.Select(i => i.Name).Order());
        var amount = metadata.Inputs.Single(i => i.Name == "amount");
        Assert.Equal(InferenceDatatype.Fp64, amount.Datatype);
        Assert.Equal([-1L, 1L], amount.Shape);
        Assert.Equal(InferenceDatatype.Bytes, metadata.Inputs.Single(i => i.Name == "checkingAccount").Datatype);
        Assert.Equal(["pd", "score", "grade", "reason_codes"], metadata.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_batch_scores_each_row_exactly_as_the_typed_api(bool raw)
    {
        var response = Model.Infer(Request(Batch, raw));

        var outputs = new InferenceOutputs(response);
        var pd = outputs.Fp64("pd");
        var score = outputs.Int32("score");
        var grade = outputs.Strings("grade");
        var reasons = outputs.Strings("reason_codes");
        Assert.Equal([3L], outputs.Shape("pd"));
        for (var r = 0; r < Batch.Length; r++)
        {
            var typed = CreditScoringApi.Score(CommittedModel.Scorecard, ToScoreRequest(Batch[r]));
            Assert.Equal(typed.Pd, pd[r]);
            Assert.Equal(typed.Score, score[r]);
            Assert.Equal(typed.Grade, grade[r]);
            Assert.Equal(typed.Reasons.Select(x => x.Code), JsonSerializer.Deserialize<string[]>(reasons[r])!);
        }

        Assert.NotEqual(pd[0], pd[1]);
    }

    [Fact]
    public void A_value_outside_the_manifest_range_is_invalid_and_named()
    {
        var request = Request([Applicants.Example, Applicants.Example with { Amount = 20000.01 }], raw: false);

        InferenceInputsTests.AssertInvalid(() => Model.Infer(request), "input 'amount': row 1 value 20000.01 is outside the allowed range [250, 20000]");
    }

    [Fact]
    public void An_unknown_category_is_invalid_and_named()
    {
        var request = Request([Applicants.Example with { CheckingAccount = "overdrawn" }], raw: true);

        InferenceInputsTests.AssertInvalid(() => Model.Infer(request), "input 'checkingAccount': row 0 value 'overdrawn' is not one of");
    }

    [Fact]
    public void A_fractional_term_is_invalid_and_named()
    {
        var request = Request([Applicants.Example], raw: false);
        request.Inputs.Single(i => i.Name == "termMonths").Contents.Fp64Contents[0] = 24.5;

        InferenceInputsTests.AssertInvalid(() => Model.Infer(request), "input 'termMonths': row 0 value 24.5 is not a whole number");
    }

    [Fact]
    public void A_missing_feature_is_invalid_and_named()
    {
        var request = Request([Applicants.Example], raw: false);
        request.Inputs.Remove(request.Inputs.Single(i => i.Name == "savings"));

        InferenceInputsTests.AssertInvalid(() => Model.Infer(request), "input 'savings' is missing");
    }

    [Fact]
    public async Task Unknown_model_or_version_is_not_found()
    {
        var server = new InferenceServer("s", "1", [Model]);

        var model = Assert.Throws<RpcException>(() => server.ModelInfer(new ModelInferRequest { ModelName = "german-gbm" }, null!).Result);
        var version = Assert.Throws<RpcException>(() => server.ModelReady(new ModelReadyRequest { Name = "german-scorecard", Version = "2" }, null!).Result);

        Assert.Equal(StatusCode.NotFound, model.StatusCode);
        Assert.Contains("'german-gbm'", model.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, version.StatusCode);
        Assert.Contains("no version '2'", version.Status.Detail, StringComparison.Ordinal);
        Assert.True((await server.ModelReady(new ModelReadyRequest { Name = "german-scorecard", Version = "1" }, null!)).Ready);
    }

    [Fact]
    public void A_manifest_that_is_not_the_scorecards_is_refused()
    {
        var other = ScorecardManifest.Parse(CommittedModel.ManifestJson) with { Version = "2" };

        Assert.Throws<InvalidDataException>(() => new ScorecardInferenceModel(CommittedModel.Scorecard, other));
    }

    private static ModelInferRequest Request(IReadOnlyList<ApplicantFeatures> applicants, bool raw) =>
        new InferenceRequestBuilder("german-scorecard", "1", raw)
            .AddFp64("amount", [.. applicants.Select(a => a.Amount)])
            .AddFp64("termMonths", [.. applicants.Select(a => (double)a.TermMonths)])
            .AddBytes("purpose", [.. applicants.Select(a => a.Purpose)])
            .AddInt32("age", [.. applicants.Select(a => a.Age)])
            .AddBytes("checkingAccount", [.. applicants.Select(a => a.CheckingAccount)])
            .AddBytes("creditHistory", [.. applicants.Select(a => a.CreditHistory)])
            .AddBytes("savings", [.. applicants.Select(a => a.Savings)])
            .AddBytes("employment", [.. applicants.Select(a => a.Employment)])
            .AddFp64("installmentRatePct", [.. applicants.Select(a => (double)a.InstallmentRatePct)])
            .AddBytes("otherDebtors", [.. applicants.Select(a => a.OtherDebtors)])
            .AddFp64("residenceYears", [.. applicants.Select(a => (double)a.ResidenceYears)])
            .AddBytes("property", [.. applicants.Select(a => a.Property)])
            .AddBytes("otherInstallmentPlans", [.. applicants.Select(a => a.OtherInstallmentPlans)])
            .AddBytes("housing", [.. applicants.Select(a => a.Housing)])
            .AddFp64("existingCredits", [.. applicants.Select(a => (double)a.ExistingCredits)])
            .AddBytes("job", [.. applicants.Select(a => a.Job)])
            .AddFp64("dependents", [.. applicants.Select(a => (double)a.Dependents)])
            .AddBytes("telephone", [.. applicants.Select(a => a.Telephone ? "yes" : "no")])
            .Build();

    private static ScoreRequest ToScoreRequest(ApplicantFeatures a) => new()
    {
        Amount = (decimal)a.Amount,
        TermMonths = a.TermMonths,
        Purpose = a.Purpose,
        Age = a.Age,
        CheckingAccount = a.CheckingAccount,
        CreditHistory = a.CreditHistory,
        Savings = a.Savings,
        Employment = a.Employment,
        InstallmentRatePct = a.InstallmentRatePct,
        OtherDebtors = a.OtherDebtors,
        ResidenceYears = a.ResidenceYears,
        Property = a.Property,
        OtherInstallmentPlans = a.OtherInstallmentPlans,
        Housing = a.Housing,
        ExistingCredits = a.ExistingCredits,
        Job = a.Job,
        Dependents = a.Dependents,
        Telephone = a.Telephone,
    };
}
