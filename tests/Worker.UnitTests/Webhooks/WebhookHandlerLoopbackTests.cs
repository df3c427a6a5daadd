using System.Net;
using System.Net.Sockets;
using System.Text;
using Decisioning.Webhooks;

namespace Worker.UnitTests.Webhooks;

// The one webhook test with I/O: a listener on loopback stands for an internal service that a webhook URL points at.
public class WebhookHandlerLoopbackTests
{
    [Fact]
    public async Task Connects_to_loopback_only_when_it_is_allowed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook");

            using (var refusing = new HttpClient(WebhookAddressGuard.CreateHandler([], TimeSpan.FromSeconds(5))))
            {
                var refused = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.GetAsync(url, timeout.Token));
                Assert.Contains("not a public address", refused.Message);
                Assert.False(listener.Pending());
            }

            using var allowing = new HttpClient(WebhookAddressGuard.CreateHandler(["127.0.0.1"], TimeSpan.FromSeconds(5)));
            var response = allowing.GetAsync(url, timeout.Token);
            using (var connection = await listener.AcceptTcpClientAsync(timeout.Token))
            {
                await AnswerAsync(connection.GetStream(), timeout.Token);
            }

            using var answered = await response;
            Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        }
        finally
        {
            listener.Stop();
        }
    }

    // Reads the request's head (a GET has no body) and answers 204.
    private static async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
    }
}
