using System.Net;
using Gateway.Auth;
using Microsoft.Extensions.Options;

namespace Gateway.UnitTests;

public sealed class FailedKeyAttemptsTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void An_address_is_blocked_at_its_limit_for_the_rest_of_its_window_and_others_are_not()
    {
        using var attempts = new FailedKeyAttempts(Options.Create(new FailedKeyAttemptOptions { PermitLimit = 3, WindowSeconds = 60 }), TimeProvider.System);

        attempts.RecordFailure(Guesser);
        attempts.RecordFailure(Guesser);
        var beforeLimit = attempts.IsBlocked(Guesser, out _);
        attempts.RecordFailure(Guesser);

        Assert.False(beforeLimit);
        Assert.True(attempts.IsBlocked(Guesser, out var retryAfter));
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.False(attempts.IsBlocked(IPAddress.Parse("203.0.113.8"), out _));
        Assert.False(attempts.IsBlocked(null, out _));
    }
}
