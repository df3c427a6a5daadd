using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace Decisioning.IntegrationTests.Grpc;

// Plain HTTP/2 requests, for protocol cases our own GrpcChannel never produces.
public static class RawHttp2Client
{
    public static byte[] Frame(IMessage message, byte compressedFlag = 0)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static async Task<HttpResponseMessage> PostAsync(
        Uri address, string path, byte[] body, string contentType = "application/grpc", params (string Name, string Value)[] headers)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        // Reading the body to its end makes the trailers available.
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static string? GrpcStatus(HttpResponseMessage response) =>
        Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
