using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Contracts.Types.V1;
using Decisioning.IntegrationTests.Grpc;
using Grpc.Net.Client;

namespace Decisioning.IntegrationTests.Inference;

// KServe's protocol called by the reference client (grpcio, messages from Debian's protoc) gives the
// same answers as our typed APIs, batched, with typed and raw tensors.
public sealed class InferenceInteropTests(ModelServicesFixture services) : IClassFixture<ModelServicesFixture>
{
    private static readonly ScoreRequest[] Applicants =
    [
        new()
        {
            Amount = 5000, TermMonths = 24, Purpose = "car_used", Age = 35, CheckingAccount = "lt_0", CreditHistory = "existing_paid",
            Savings = "lt_100", Employment = "1_to_4y", InstallmentRatePct = 2, OtherDebtors = "none", ResidenceYears = 2,
            Property = "car_other", OtherInstallmentPlans = "none", Housing = "own", ExistingCredits = 1, Job = "skilled",
            Dependents = 1, Telephone = false,
        },
        new()
        {
            Amount = 14250.5m, TermMonths = 60, Purpose = "business", Age = 23, CheckingAccount = "none", CreditHistory = "critical",
            Savings = "unknown", Employment = "lt_1y", InstallmentRatePct = 4, OtherDebtors = "guarantor", ResidenceYears = 4,
            Property = "none", OtherInstallmentPlans = "bank", Housing = "rent", ExistingCredits = 3, Job = "highly_skilled",
            Dependents = 2, Telephone = true,
        },
    ];

    [Fact]
    public async Task Scorecard_over_KServe_gives_the_typed_APIs_PD_score_grade_and_reasons()
    {
        var rows = new JsonArray([.. Applicants.Select(ApplicantRow)]);
        var results = await RunClientAsync(services.CreditScoringAddress, "german-scorecard", "1", rows,
            missing: "savings", numeric: "amount", outOfRange: 1_000_000, categorical: "checkingAccount");

        using var channel = GrpcChannel.ForAddress(services.CreditScoringAddress);
        var client = new Decisioning.Contracts.Scoring.V1.CreditScoring.CreditScoringClient(channel);
        var typed = await Task.WhenAll(Applicants.Select(a => client.ScoreAsync(a).ResponseAsync));
        foreach (var mode in new[] { "typed", "raw" })
        {
            var infer = Ok(results, mode);
            Assert.Equal(("german-scorecard", "1", "interop-1"), (infer.GetProperty("model_name").GetString(), infer.GetProperty("model_version").GetString(), infer.GetProperty("id").GetString()));
            Assert.Equal(mode == "raw", infer.GetProperty("raw").GetBoolean());
            var outputs = infer.GetProperty("outputs");
            Assert.Equal("FP64", outputs.GetProperty("pd").GetProperty("datatype").GetString());
            for (var r = 0; r < typed.Length; r++)
            {
                Assert.InRange(Math.Abs(Values(outputs, "pd")[r].GetDouble() - typed[r].Pd), 0, 1e-12);
                Assert.Equal(typed[r].Score, Values(outputs, "score")[r].GetInt32());
                Assert.Equal(typed[r].Grade, Values(outputs, "grade")[r].GetString());
                Assert.Equal(typed[r].Reasons.Select(x => x.Code), JsonSerializer.Deserialize<string[]>(Values(outputs, "reason_codes")[r].GetString()!)!);
            }
        }

        Assert.NotEqual(typed[0].Pd, typed[1].Pd);
        var metadata = Ok(results, "model_metadata");
        Assert.Equal(18, metadata.GetProperty("inputs").GetArrayLength());
        Assert.Contains(metadata.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("name").GetString() == "checkingAccount" && i.GetProperty("datatype").GetString() == "BYTES");
        Assert.Equal(["pd", "score", "grade", "reason_codes"], metadata.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal("decisioning-credit-scoring", Ok(results, "server_metadata").GetProperty("name").GetString());
        AssertProtocolErrors(results, "amount", "checkingAccount", "savings");
    }

    [Fact]
    public async Task Pricing_over_KServe_gives_the_typed_APIs_offers_for_every_grade()
    {
        (string Product, double Amount, int Term)[] quotes = [("personal_loan", 5000, 24), ("personal_loan", 12345.67, 60)];
        var rows = new JsonArray([.. quotes.Select(q => (JsonNode)new JsonObject { ["product"] = q.Product, ["amount"] = q.Amount, ["term_months"] = q.Term })]);
        var results = await RunClientAsync(services.PricingAddress, "pricing", "pricing-2", rows,
            missing: "term_months", numeric: "amount", outOfRange: 20_000.01, categorical: "product");

        using var channel = GrpcChannel.ForAddress(services.PricingAddress);
        var client = new Pricing.PricingClient(channel);
        var typed = await Task.WhenAll(quotes.Select(q => client.QuoteAsync(new QuoteRequest { Product = q.Product, Amount = (decimal)q.Amount, TermMonths = q.Term }).ResponseAsync));
        foreach (var mode in new[] { "typed", "raw" })
        {
            var outputs = Ok(results, mode).GetProperty("outputs");
            Assert.Equal([2, 7], outputs.GetProperty("apr_pct").GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(["A", "B", "C", "D", "E", "F", "G"], Values(outputs, "grades").Select(g => g.GetString()));
            for (var r = 0; r < typed.Length; r++)
            {
                for (var g = 0; g < 7; g++)
                {
                    var offer = typed[r].Offers[g];
                    var at = r * 7 + g;
                    Assert.Equal(offer.AnnualRatePct, Values(outputs, "annual_rate_pct")[at].GetDouble());
                    Assert.Equal(offer.AprPct, Values(outputs, "apr_pct")[at].GetDouble());
                    Assert.Equal((double)DecimalValue.ToDecimal(offer.MonthlyPayment), Values(outputs, "monthly_payment")[at].GetDouble());
                    Assert.Equal((double)DecimalValue.ToDecimal(offer.FinalPayment), Values(outputs, "final_payment")[at].GetDouble());
                    Assert.Equal((double)DecimalValue.ToDecimal(offer.TotalRepayable), Values(outputs, "total_repayable")[at].GetDouble());
                    Assert.Equal(offer.Capped, Values(outputs, "capped")[at].GetBoolean());
                }
            }
        }

        Assert.Equal("decisioning-pricing", Ok(results, "server_metadata").GetProperty("name").GetString());
        Assert.Equal(["pricing-2"], Ok(results, "model_metadata").GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        AssertProtocolErrors(results, "amount", "product", "term_months");
    }

    private static void AssertProtocolErrors(JsonElement results, string numeric, string categorical, string missing)
    {
        Assert.True(Ok(results, "live").GetProperty("live").GetBoolean());
        Assert.True(Ok(results, "ready").GetProperty("ready").GetBoolean());
        Assert.True(Ok(results, "model_ready").GetProperty("ready").GetBoolean());
        Failed(results, "model_ready_unknown_version", "NOT_FOUND", "'999'");
        Failed(results, "model_metadata_unknown_model", "NOT_FOUND", "'no-such-model'");
        Failed(results, "unknown_model", "NOT_FOUND", "'no-such-model'");
        Failed(results, "unknown_version", "NOT_FOUND", "'999'");
        Failed(results, "missing_input", "INVALID_ARGUMENT", $"input '{missing}' is missing");
        Failed(results, "wrong_datatype", "INVALID_ARGUMENT", $"input '{numeric}': datatype 'BYTES'");
        Failed(results, "out_of_range", "INVALID_ARGUMENT", $"input '{numeric}': row 0");
        Failed(results, "unknown_category", "INVALID_ARGUMENT", $"input '{categorical}': row 0");
    }

    private static JsonObject ApplicantRow(ScoreRequest a) => new()
    {
        ["amount"] = (double)DecimalValue.ToDecimal(a.Amount),
        ["termMonths"] = a.TermMonths,
        ["purpose"] = a.Purpose,
        ["age"] = a.Age,
        ["checkingAccount"] = a.CheckingAccount,
        ["creditHistory"] = a.CreditHistory,
        ["savings"] = a.Savings,
        ["employment"] = a.Employment,
        ["installmentRatePct"] = a.InstallmentRatePct,
        ["otherDebtors"] = a.OtherDebtors,
        ["residenceYears"] = a.ResidenceYears,
        ["property"] = a.Property,
        ["otherInstallmentPlans"] = a.OtherInstallmentPlans,
        ["housing"] = a.Housing,
        ["existingCredits"] = a.ExistingCredits,
        ["job"] = a.Job,
        ["dependents"] = a.Dependents,
        ["telephone"] = a.Telephone ? "yes" : "no",
    };

    private async Task<JsonElement> RunClientAsync(
        Uri server, string model, string version, JsonArray rows, string missing, string numeric, double outOfRange, string categorical)
    {
        var spec = new JsonObject
        {
            ["model"] = model,
            ["version"] = version,
            ["rows"] = rows,
            ["bad"] = new JsonObject { ["missing"] = missing, ["numeric"] = numeric, ["out_of_range"] = outOfRange, ["categorical"] = categorical },
        };
        await using var client = ChildProcess.Start(
            PythonInterop.Python, ModelServicesFixture.ClientScript, services.PythonModules, $"{server.Host}:{server.Port}", spec.ToJsonString());
        var (exitCode, output) = await client.RunToEndAsync(PythonInterop.ProcessTimeout);
        Assert.True(exitCode == 0, $"inference_client.py exited with {exitCode}: {client.StandardError}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static JsonElement Ok(JsonElement results, string call)
    {
        var result = results.GetProperty(call);
        Assert.True(result.GetProperty("code").GetString() == "OK", $"{call}: {result}");
        return result.TryGetProperty("reply", out var reply) ? reply : result;
    }

    private static void Failed(JsonElement results, string call, string code, string detail)
    {
        var result = results.GetProperty(call);
        Assert.True(result.GetProperty("code").GetString() == code, $"{call}: expected {code}, got {result}");
        Assert.Contains(detail, result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement[] Values(JsonElement outputs, string name) =>
        [.. outputs.GetProperty(name).GetProperty("values").EnumerateArray()];
}
