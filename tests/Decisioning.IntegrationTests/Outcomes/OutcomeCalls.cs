using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.IntegrationTests.Decisions;

namespace Decisioning.IntegrationTests.Outcomes;

public static class OutcomeCalls
{
    public static Task<HttpResponseMessage> PostOutcomesAsync(this HttpClient client, params JsonNode?[] rows) =>
        client.PostOutcomesRawAsync(new JsonObject { ["outcomes"] = new JsonArray([.. rows.Select(r => r?.DeepClone())]) }.ToJsonString());

    public static async Task<HttpResponseMessage> PostOutcomesRawAsync(this HttpClient client, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.PostAsync("/v1/outcomes", content);
    }

    public static JsonObject ForDecision(Guid decisionId, string status, string observedAt = "2027-01-31") =>
        new() { ["decisionId"] = decisionId.ToString(), ["status"] = status, ["observedAt"] = observedAt };

    public static JsonObject ForApplication(string applicationId, string status, string observedAt = "2027-01-31") =>
        new() { ["applicationId"] = applicationId, ["status"] = status, ["observedAt"] = observedAt };

    /// <summary>Posts an application and returns its decision document.</summary>
    public static async Task<JsonElement> DecideAsync(this HttpClient decider, JsonObject application)
    {
        using var response = await decider.PostDecisionAsync(application);
        return await response.JsonAsync();
    }

    /// <summary>The per-row report as (status, decisionId) by row.</summary>
    public static async Task<List<(string Status, Guid? DecisionId)>> RowsAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("results").EnumerateArray()
            .Select(r => (
                r.GetProperty("status").GetString()!,
                r.GetProperty("decisionId").ValueKind == JsonValueKind.Null ? (Guid?)null : r.GetProperty("decisionId").GetGuid()))
            .ToList();
}
