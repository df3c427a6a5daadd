using Worker.Webhooks;

namespace Worker.UnitTests.Webhooks;

// What an attempt's answer makes of a delivery.
public class DeliveryRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(299)]
    public void A_2xx_delivers(int status)
    {
        var outcome = DeliveryRules.After(Claimed(scheduleAttempts: 1), status, null, Delays, 0.5, Now);

        Assert.Equal(new DeliveryOutcome("delivered", true, status, null, null), outcome);
    }

    [Fact]
    public void A_410_is_dead_at_once_whatever_attempts_remain()
    {
        var outcome = DeliveryRules.After(Claimed(scheduleAttempts: 0), 410, null, Delays, 0.5, Now);

        Assert.Equal("dead", outcome.Status);
        Assert.Null(outcome.NextAttemptAt);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(301, null)]
    [InlineData(404, null)]
    [InlineData(null, "Connection refused")]
    public void Anything_else_is_retried_after_the_schedules_next_wait_then_dead(int? status, string? error)
    {
        var first = DeliveryRules.After(Claimed(scheduleAttempts: 0), status, error, Delays, 0.5, Now);
        var second = DeliveryRules.After(Claimed(scheduleAttempts: 1), status, error, Delays, 0.5, Now);
        var last = DeliveryRules.After(Claimed(scheduleAttempts: 2), status, error, Delays, 0.5, Now);

        Assert.Equal(new DeliveryOutcome("failed", true, status, error, Now.AddSeconds(5)), first);
        Assert.Equal(new DeliveryOutcome("failed", true, status, error, Now.AddSeconds(30)), second);
        Assert.Equal(new DeliveryOutcome("dead", true, status, error, null), last);
    }

    private static ClaimedDelivery Claimed(int scheduleAttempts) => new() { ScheduleAttempts = scheduleAttempts, Status = "pending" };
}
