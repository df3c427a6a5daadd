using System.Net;
using System.Net.Sockets;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// Loopback TCP ports for the test servers, below Linux's ephemeral range (32768 and up by default): an outgoing
/// connection never takes one between the check and the server binding it, and no port is handed out twice in a run.
/// </summary>
public static class FreePort
{
    private const int First = 12_000;
    private const int Last = 32_000;
    private static int _next = Random.Shared.Next(First, Last);

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int Next() => Range(1);

    /// <summary>The first of <paramref name="count"/> consecutive loopback TCP ports that were free a moment ago.</summary>
    public static int Range(int count)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var first = Interlocked.Add(ref _next, count) - count;
            if (first + count > Last)
            {
                Interlocked.CompareExchange(ref _next, First, first + count);
                continue;
            }

            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
