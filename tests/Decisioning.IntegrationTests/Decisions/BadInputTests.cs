using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

// Whatever arrives, the answer is a 4xx problem naming what is wrong, and nothing is written.
public class BadInputTests(Platform platform) : IClassFixture<Platform>
{
    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "missing applicant field", """{"applicant":{"age":null}}""", "applicant.age" },
        { "unknown enum value", """{"applicant":{"checkingAccount":"overdrawn"}}""", "applicant.checkingAccount" },
        { "negative amount", """{"amount":-5}""", "amount" },
        { "absurd amount", """{"amount":1e15}""", "amount" },
        { "amount with fractions of a cent", """{"amount":1000.123}""", "amount" },
        { "term out of range", """{"termMonths":600}""", "termMonths" },
        { "unknown product", """{"product":"yacht_loan"}""", "product" },
        { "missing product", """{"product":null}""", "product" },
        { "age under 18", """{"applicant":{"age":12}}""", "applicant.age" },
        { "missing applicant", """{"applicant":null}""", "applicant" },
        { "unknown purpose", """{"purpose":"vacation"}""", "purpose" },
        { "empty application id", """{"applicationId":""}""", "applicationId" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_fields_are_reported_by_name(string because, string patch, string field)
    {
        var tenant = await platform.CreateTenantAsync();
        var body = Applications.LowRisk();
        Merge(body, JsonNode.Parse(patch)!.AsObject());

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{because}: errors should name '{field}' in {problem}");
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    public static TheoryData<string, byte[], int> MalformedBodies => new()
    {
        { "malformed JSON", Encoding.UTF8.GetBytes("{\"applicationId\": \"LA-1\", "), 400 },
        { "wrong type", Encoding.UTF8.GetBytes("""{"applicationId":"LA-1","amount":"lots"}"""), 400 },
        { "number where object expected", Encoding.UTF8.GetBytes("""{"applicant":42}"""), 400 },
        { "JSON null", Encoding.UTF8.GetBytes("null"), 400 },
        { "empty body", [], 400 },
        { "array", Encoding.UTF8.GetBytes("[1,2,3]"), 400 },
        { "non-UTF-8 bytes", [.. Encoding.UTF8.GetBytes("{\"applicationId\":\""), 0xFF, 0xFE, 0xC3, .. Encoding.UTF8.GetBytes("\"}")], 400 },
        { "deeply nested", Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"), 400 },
        { "oversized body", Encoding.UTF8.GetBytes("{\"applicationId\":\"" + new string('a', 100_000) + "\"}"), 413 },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_get_a_problem_response(string because, byte[] body, int status)
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostRawAsync(body, Guid.NewGuid().ToString());

        Assert.True((int)response.StatusCode == status, $"{because}: got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_unsupported()
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostRawAsync(Encoding.UTF8.GetBytes("amount=5"), "k", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_idempotency_key_is_rejected(string? key)
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostRawAsync(Encoding.UTF8.GetBytes(Applications.LowRisk().ToJsonString()), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    [Fact]
    public async Task Overlong_idempotency_key_is_rejected()
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk(), new string('k', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_ten_megabyte_header_is_refused_without_touching_the_service()
    {
        var tenant = await platform.CreateTenantAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, platform.GatewayAddress.Port));
        var head = Encoding.ASCII.GetBytes($"POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {tenant.Decider}\r\nIdempotency-Key: k\r\nX-Padding: ");

        // Read while sending: the server answers (and closes) long before the 10 MB are through.
        var reading = ReadResponseHeadAsync(socket);
        try
        {
            await socket.SendAsync(head);
            var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
            for (var sent = 0; sent < 10 * 1024 * 1024; sent += chunk.Length)
            {
                await socket.SendAsync(chunk);
            }
        }
        catch (SocketException)
        {
            // The server stopped reading: what matters is what it answered.
        }

        var status = await reading;
        Assert.StartsWith("HTTP/1.1 431", status);
        Assert.Equal(0, await platform.DecisionCountAsync(tenant.TenantId));
    }

    private static async Task<string> ReadResponseHeadAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
            if (read == 0)
            {
                break;
            }

            received += read;
            if (Encoding.ASCII.GetString(buffer, 0, received).Contains("\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, received);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var tenant = await platform.CreateTenantAsync();
        var body = Applications.LowRisk();
        body["favouriteColour"] = "teal";
        body["applicant"]!["shoeSize"] = 44;

        using var response = await platform.Client(tenant.Decider).PostDecisionAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                patch.Remove(name);
                target[name] = value;
            }
        }
    }
}
