using Decisioning.Webhooks;

namespace Worker.UnitTests.Webhooks;

public class WebhookBackoffTests
{
    [Fact]
    public void The_first_attempt_is_made_at_once()
    {
        Assert.Equal(TimeSpan.Zero, WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, attemptsMade: 0, random: 0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void The_first_retry_waits_about_five_seconds(double random)
    {
        var delay = WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, attemptsMade: 1, random);

        Assert.NotNull(delay);
        Assert.InRange(delay.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void The_default_schedule_tries_nine_times_over_about_a_day_then_gives_up()
    {
        var waits = Enumerable.Range(1, 8).Select(made => WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, made, 0.5)!.Value).ToList();

        Assert.Equal(TimeSpan.FromHours(12), waits[^1]);
        Assert.InRange(waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait), TimeSpan.FromHours(22), TimeSpan.FromHours(23));
        Assert.Null(WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, attemptsMade: 9, random: 0.5));
        Assert.Null(WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, attemptsMade: 10, random: 0.5));
    }

    [Fact]
    public void A_configured_schedule_of_two_delays_allows_three_attempts()
    {
        TimeSpan[] delays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

        Assert.Equal(TimeSpan.FromSeconds(1), WebhookBackoff.NextDelay(delays, attemptsMade: 1, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), WebhookBackoff.NextDelay(delays, attemptsMade: 2, random: 0.5));
        Assert.Null(WebhookBackoff.NextDelay(delays, attemptsMade: 3, random: 0.5));
    }

    [Fact]
    public void The_jitter_stays_within_twenty_percent_either_side()
    {
        for (var made = 1; made <= WebhookBackoff.DefaultDelays.Count; made++)
        {
            var configured = WebhookBackoff.DefaultDelays[made - 1];
            var lowest = WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, made, random: 0)!.Value;
            var highest = WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, made, random: 0.999)!.Value;

            Assert.Equal(configured * 0.8, lowest);
            Assert.InRange(highest, configured * 1.19, configured * 1.2);
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_random_value_outside_zero_to_one_is_refused(double random)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookBackoff.NextDelay(WebhookBackoff.DefaultDelays, attemptsMade: 1, random));
    }
}
