using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Inference;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Grpc;

// The reference client (grpcio) finds the model services' APIs by reflection alone, calls them with messages
// built from the descriptors the services return, and sees every service SERVING in grpc.health.v1 (Check and
// Watch), and NOT_SERVING on its Watch stream when a service shuts down.
public sealed class ModelServicesInteropTests(ModelServicesFixture services, PythonModulesFixture modules)
    : IClassFixture<ModelServicesFixture>, IClassFixture<PythonModulesFixture>
{
    private const string Inference = "inference.GRPCInferenceService";

    [Fact]
    public async Task CreditScoring_is_discoverable_by_reflection_healthy_and_scores()
    {
        // The Score request is the decision request's applicant, flattened, with the loan's amount, term and purpose.
        var application = Applications.LowRisk();
        var request = (JsonObject)application["applicant"]!.DeepClone();
        request["amount"] = Money((long)application["amount"]!.GetValue<decimal>());
        request["termMonths"] = application["termMonths"]!.DeepClone();
        request["purpose"] = application["purpose"]!.DeepClone();

        var result = await RunClientAsync(services.CreditScoringAddress, "decisioning.scoring.v1.CreditScoring/Score", request);

        AssertServices(result, "decisioning.scoring.v1.CreditScoring");
        var reply = Ok(result.GetProperty("call"));
        Assert.InRange(reply.GetProperty("pd").GetDouble(), 0, 1);
        Assert.Equal("german-scorecard-1", reply.GetProperty("model_version").GetString());
        Assert.NotEmpty(reply.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task Pricing_is_discoverable_by_reflection_healthy_and_quotes()
    {
        var request = new JsonObject { ["product"] = "personal_loan", ["amount"] = Money(5000), ["termMonths"] = 24 };

        var result = await RunClientAsync(services.PricingAddress, "decisioning.pricing.v1.Pricing/Quote", request);

        AssertServices(result, "decisioning.pricing.v1.Pricing");
        var reply = Ok(result.GetProperty("call"));
        Assert.Equal("pricing-2", reply.GetProperty("pricing_version").GetString());
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G"], reply.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("grade").GetString()));
        // Money crosses the wire as DecimalValue: whole units and billionths, here whole cents.
        var payment = reply.GetProperty("offers")[0].GetProperty("monthly_payment");
        Assert.InRange(long.Parse(payment.GetProperty("units").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 200, 260);
        Assert.Equal(0, (payment.TryGetProperty("nanos", out var nanos) ? nanos.GetInt32() : 0) % 10_000_000);
    }

    [Fact]
    public async Task A_refused_request_is_INVALID_ARGUMENT_naming_the_field()
    {
        var request = new JsonObject { ["product"] = "personal_loan", ["amount"] = Money(5000), ["termMonths"] = 2 };

        var result = await RunClientAsync(services.PricingAddress, "decisioning.pricing.v1.Pricing/Quote", request);

        var call = result.GetProperty("call");
        Assert.Equal("INVALID_ARGUMENT", call.GetProperty("code").GetString());
        Assert.Contains("term", call.GetProperty("details").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_health_watcher_sees_SERVING_then_NOT_SERVING_when_the_service_shuts_down()
    {
        var (grpcPort, adminPort) = (FreePort.Next(), FreePort.Next());
        await using var pricing = await ServiceProcess.StartAsync(
            "Pricing",
            new Dictionary<string, string>
            {
                ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel:Endpoints:Admin:Url"] = $"http://127.0.0.1:{adminPort}",
            },
            $"http://127.0.0.1:{adminPort}/alive");
        var spec = new JsonObject { ["watch"] = "decisioning.pricing.v1.Pricing", ["count"] = 2 };
        await using var watcher = ChildProcess.Start(
            PythonInterop.Python, PythonInterop.Script("model_services_client.py"), modules.Directory, $"127.0.0.1:{grpcPort}", spec.ToJsonString());

        Assert.Equal("SERVING", await watcher.ReadLineAsync(PythonInterop.ProcessTimeout));
        await pricing.SignalAsync("TERM");

        Assert.Equal("NOT_SERVING", await watcher.ReadLineAsync(PythonInterop.ProcessTimeout));
    }

    // A DecimalValue in proto3 JSON.
    private static JsonObject Money(long units) => new() { ["units"] = units, ["nanos"] = 0 };

    private static void AssertServices(JsonElement result, string decisioning)
    {
        var listed = result.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains(decisioning, listed);
        Assert.Contains(Inference, listed);
        Assert.Contains("grpc.health.v1.Health", listed);
        var health = result.GetProperty("health");
        Assert.Equal("SERVING", health.GetProperty("").GetString());
        Assert.Equal("SERVING", health.GetProperty(decisioning).GetString());
        Assert.Equal("SERVING", health.GetProperty(Inference).GetString());
        Assert.Equal("NOT_FOUND", health.GetProperty("no.such.Service").GetString());
        Assert.Equal(["SERVING"], result.GetProperty("watch").EnumerateArray().Select(s => s.GetString()));
    }

    private async Task<JsonElement> RunClientAsync(Uri server, string method, JsonObject request)
    {
        var spec = new JsonObject { ["method"] = method, ["request"] = request };
        await using var client = ChildProcess.Start(
            PythonInterop.Python, PythonInterop.Script("model_services_client.py"), modules.Directory, $"{server.Host}:{server.Port}", spec.ToJsonString());
        var (exitCode, output) = await client.RunToEndAsync(PythonInterop.ProcessTimeout);
        Assert.True(exitCode == 0, $"model_services_client.py exited with {exitCode}: {client.StandardError}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static JsonElement Ok(JsonElement call)
    {
        Assert.True(call.GetProperty("code").GetString() == "OK", call.ToString());
        return call.GetProperty("reply");
    }
}
