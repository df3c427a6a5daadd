using System.Net;
using Decisioning.Webhooks;

namespace Worker.UnitTests.Webhooks;

public class WebhookAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.2.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    [InlineData("2001:db8::1")]
    public void Addresses_of_the_Worker_s_own_network_are_not_public(string address)
    {
        Assert.False(WebhookAddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Addresses_on_the_internet_are_public(string address)
    {
        Assert.True(WebhookAddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("https://hooks.example.com/decisions", "")]
    [InlineData("https://8.8.8.8/hook", "")]
    [InlineData("https://[2606:4700:4700::1111]/hook", "")]
    [InlineData("http://127.0.0.1:5000/hook", "127.0.0.1")]
    [InlineData("https://127.0.0.1:5001/hook", "127.0.0.1")]
    [InlineData("http://Receiver.Internal/hook", "receiver.internal")]
    [InlineData("http://[::1]:5000/hook", "::1")]
    [InlineData("http://[::1]:5000/hook", "[::1]")]
    public void Accepts_https_to_public_hosts_and_anything_http_to_allowed_hosts(string url, string allowedHosts)
    {
        Assert.Null(WebhookAddressGuard.Refusal(new Uri(url), Hosts(allowedHosts)));
    }

    [Theory]
    [InlineData("http://hooks.example.com/decisions", "", "https")]
    [InlineData("ftp://hooks.example.com/decisions", "hooks.example.com", "https")]
    [InlineData("https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example/", "", "longer than 253")]
    [InlineData("https://127.0.0.1/", "", "not a public address")]
    [InlineData("https://127.0.0.1/", "localhost", "not a public address")]
    [InlineData("https://[::1]/", "", "not a public address")]
    [InlineData("https://[::ffff:127.0.0.1]/", "", "not a public address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "", "not a public address")]
    [InlineData("https://10.1.2.3/hook", "", "not a public address")]
    // Other spellings of 127.0.0.1, which Uri reads as that IPv4 address.
    [InlineData("https://0x7f.0.0.1/hook", "", "not a public address")]
    [InlineData("https://2130706433/hook", "", "not a public address")]
    [InlineData("https://017700000001/hook", "", "not a public address")]
    [InlineData("https://user:secret@hooks.example.com/decisions", "", "user name or password")]
    [InlineData("https://user@hooks.example.com/decisions", "", "user name or password")]
    [InlineData("/decisions", "", "absolute")]
    public void Refuses_other_URLs_saying_why(string url, string allowedHosts, string reason)
    {
        var refusal = WebhookAddressGuard.Refusal(new Uri(url, UriKind.RelativeOrAbsolute), Hosts(allowedHosts));

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void The_handler_neither_follows_redirects_nor_keeps_cookies_nor_uses_a_proxy()
    {
        using var handler = WebhookAddressGuard.CreateHandler([], TimeSpan.FromSeconds(3));

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.False(handler.UseProxy);
        Assert.Equal(TimeSpan.FromSeconds(3), handler.ConnectTimeout);
    }

    private static string[] Hosts(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
