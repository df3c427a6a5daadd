using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Decisioning.IntegrationTests.Decisions;

public static class GatewayCalls
{
    public static Task<HttpResponseMessage> PostDecisionAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null) =>
        client.PostRawAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), idempotencyKey ?? Guid.NewGuid().ToString());

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, byte[] body, string? idempotencyKey, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // A model service that comes back after its circuit opened is called again once the breaker lets a probe through:
    // until then a low-risk applicant is referred, afterwards approved.
    public static async Task<string> ApproveWithinAsync(this HttpClient client, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        var outcome = "";
        while (outcome != "approve" && DateTime.UtcNow < until)
        {
            using var response = await client.PostDecisionAsync(Applications.LowRisk());
            outcome = (await response.JsonAsync()).GetProperty("outcome").GetString() ?? "";
            if (outcome != "approve")
            {
                await Task.Delay(250);
            }
        }

        return outcome;
    }
}
