using System.Net;
using System.Net.Sockets;

namespace Decisioning.Webhooks;

// Keeps webhook deliveries, whose URLs tenants choose, from reaching the Worker's own network (server-side request
// forgery): the database, the broker, the cloud's metadata service at 169.254.169.254. A URL is checked when it is
// registered (Refusal) and again at every connection (CreateHandler), where the addresses the host resolves to are
// checked and one of those same addresses is connected to, so a name that resolves to a public address at
// registration and to a private one later (DNS rebinding) is refused. Hosts in the allow-list (a receiver on the
// same machine in development, a test's listener on loopback) are exempt.
public static class WebhookAddressGuard
{
    // 64:ff9b::/96, the well-known NAT64 prefix: the gateway translates to the IPv4 address in the last four bytes.
    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Whether an address is on the public internet: false for loopback, private, link-local, shared (CGNAT), multicast, reserved and unspecified addresses, in IPv4 and IPv6 forms.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        if (written == 4)
        {
            return IsPublicIPv4(bytes[..4]);
        }

        // ::ffff:0:0/96, IPv4-mapped: the IPv4 address it stands for.
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicIPv4(bytes[12..]);
        }

        // ::/96: the unspecified address ::, loopback ::1 and the deprecated IPv4-compatible addresses.
        if (!bytes[..12].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        if (bytes[..12].SequenceEqual(Nat64Prefix))
        {
            return IsPublicIPv4(bytes[12..]);
        }

        // 2002::/16, 6to4: the IPv4 address of the tunnel's end is in bytes 2 to 5.
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublicIPv4(bytes[2..6]);
        }

        // 2001::/32 Teredo tunnels and 2001:db8::/32, kept for documentation.
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && ((bytes[2] == 0 && bytes[3] == 0) || (bytes[2] == 0x0d && bytes[3] == 0xb8)))
        {
            return false;
        }

        // fe80::/10 link-local, fec0::/10 site-local (deprecated), fc00::/7 unique local, ff00::/8 multicast.
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }

    /// <summary>
    /// Null when deliveries may be sent to the URL, or a sentence saying why not: it must be absolute, https (http
    /// only for an allowed host), without user name or password, and an IP address in it must be public unless
    /// allowed. Hosts compare case-insensitively. A host name is checked at connection time (CreateHandler).
    /// </summary>
    public static string? Refusal(Uri url, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (!url.IsAbsoluteUri)
        {
            return "The webhook URL must be absolute, such as https://hooks.example.com/decisions.";
        }

        var allowed = IsAllowed(url.Host, allowedHosts);
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && allowed))
        {
            return $"The webhook URL must use https, not {url.Scheme}.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "The webhook URL must not contain a user name or password.";
        }

        // DNS names are at most 253 characters (in their ASCII form); longer ones cannot be resolved.
        if (url.IdnHost.Length > 253)
        {
            return "The webhook URL's host name is longer than 253 characters.";
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && !allowed && !IsPublic(IPAddress.Parse(url.DnsSafeHost)))
        {
            return $"The webhook URL's address {url.Host} is not a public address.";
        }

        return null;
    }

    /// <summary>
    /// <see cref="Refusal"/>, and for a host name that is not allowed, its resolution too: null when it resolves and
    /// only to public addresses, else why not. Checked when an endpoint is created, so a wrong URL is refused at once;
    /// every delivery checks again as it connects, since what a name resolves to can change.
    /// </summary>
    public static async Task<string?> RefusalAsync(Uri url, IReadOnlyCollection<string> allowedHosts, CancellationToken cancellationToken)
    {
        if (Refusal(url, allowedHosts) is { } refusal)
        {
            return refusal;
        }

        if (url.HostNameType is not UriHostNameType.Dns || IsAllowed(url.Host, allowedHosts))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            addresses = await Dns.GetHostAddressesAsync(url.IdnHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The webhook host {url.Host} does not resolve.";
        }

        return addresses.Length == 0 ? $"The webhook host {url.Host} does not resolve."
            // Which address is not said: a tenant could otherwise map the names of the platform's own network.
            : Array.Exists(addresses, a => !IsPublic(a)) ? $"The webhook host {url.Host} resolves to an address that is not a public address."
            : null;
    }

    /// <summary>
    /// A handler for delivering webhooks: no redirects, cookies or proxy, and each connection goes only to an
    /// address that the host resolved to and that is public, unless the host is allowed; otherwise the request
    /// fails with <see cref="HttpRequestException"/> before anything is sent.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(IReadOnlyCollection<string> allowedHosts, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        string[] allowed = [.. allowedHosts];
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = connectTimeout,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowed, cancellationToken),
        };
    }

    // The connect timeout is in the cancellation token the handler passes in.
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, string[] allowedHosts, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The webhook host {endPoint.Host} resolves to no address.");
        }

        // Every address, not only the one connected to: the next connection may take another.
        if (!IsAllowed(endPoint.Host, allowedHosts) && Array.Exists(addresses, a => !IsPublic(a)))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"Refused to connect to the webhook host {endPoint.Host}: it resolves to an address that is not a public address, and the host is not allowed.");
        }

        // The first address that accepts the connection, as the handler's own connect would.
        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError,
            $"Could not connect to the webhook host {endPoint.Host} at {string.Join(", ", addresses.Select(a => a.ToString()))}.", lastFailure);
    }

    private static bool IsAllowed(string host, IEnumerable<string> allowedHosts)
    {
        var bare = host.Trim('[', ']');
        return allowedHosts.Any(allowed => string.Equals(allowed.Trim('[', ']'), bare, StringComparison.OrdinalIgnoreCase));
    }

    // 0/8 (with 0.0.0.0), 10/8, 100.64/10 (carrier-grade NAT), 127/8, 169.254/16 (link-local, the metadata
    // service), 172.16/12, 192.0.0/24 (protocol assignments), 192.0.2/24, 198.51.100/24 and 203.0.113/24
    // (documentation), 192.168/16, 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved, with the
    // broadcast address 255.255.255.255).
    private static bool IsPublicIPv4(ReadOnlySpan<byte> b) => !(
        b[0] is 0 or 10 or 127 or >= 224
        || (b[0] == 100 && (b[1] & 0xc0) == 64)
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 172 && (b[1] & 0xf0) == 16)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 198 && (b[1] & 0xfe) == 18)
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));
}
