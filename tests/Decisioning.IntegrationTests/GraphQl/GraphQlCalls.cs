using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;

namespace Decisioning.IntegrationTests.GraphQl;

public static class GraphQlCalls
{
    public static Task<HttpResponseMessage> PostGraphQlAsync(this HttpClient client, string query, object? variables = null) =>
        client.PostAsJsonAsync("/graphql", new { query, variables });

    public static async Task<HttpResponseMessage> PostGraphQlRawAsync(this HttpClient client, string body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync("/graphql", content);
    }

    /// <summary>The 'data' of a query that must succeed without errors.</summary>
    public static async Task<JsonElement> DataAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostGraphQlAsync(query, variables);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        var json = await response.JsonAsync();
        Assert.False(json.TryGetProperty("errors", out _), body);
        return json.GetProperty("data");
    }

    /// <summary>
    /// REST's JSON and GraphQL's agree member for member: every member REST has, GraphQL has with the same value (numbers
    /// by value, times by instant). GraphQL may add members REST leaves out, but only as null.
    /// </summary>
    public static void AssertSameJson(JsonElement rest, JsonElement graphQl, string path = "$")
    {
        switch (rest.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(JsonValueKind.Object, graphQl.ValueKind);
                foreach (var member in rest.EnumerateObject())
                {
                    Assert.True(graphQl.TryGetProperty(member.Name, out var other), $"{path}.{member.Name} is missing from GraphQL's answer");
                    AssertSameJson(member.Value, other, $"{path}.{member.Name}");
                }

                foreach (var member in graphQl.EnumerateObject().Where(m => !rest.TryGetProperty(m.Name, out _)))
                {
                    Assert.True(member.Value.ValueKind == JsonValueKind.Null, $"{path}.{member.Name} is only in GraphQL's answer");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(rest.GetArrayLength(), graphQl.GetArrayLength());
                for (var i = 0; i < rest.GetArrayLength(); i++)
                {
                    AssertSameJson(rest[i], graphQl[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(graphQl.ValueKind == JsonValueKind.Number, path);
                Assert.Equal(rest.GetDecimal(), graphQl.GetDecimal());
                break;
            case JsonValueKind.String when rest.GetString() != graphQl.GetString():
                Assert.True(rest.TryGetDateTimeOffset(out var restTime) && graphQl.TryGetDateTimeOffset(out var graphQlTime) && restTime == graphQlTime,
                    $"{path}: REST '{rest.GetString()}', GraphQL '{graphQl}'");
                break;
            default:
                Assert.Equal(rest.ToString(), graphQl.ToString());
                break;
        }
    }
}
