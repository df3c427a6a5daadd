using Worker.Scheduling;

namespace Worker.UnitTests.Scheduling;

// The period the ScheduledJobFailing alert doubles: the longest wait between two occurrences of a job's cron (UTC).
public class CronScheduleTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0/2 * * * * ?", 2)]
    [InlineData("0 */10 * * * ?", 600)]
    [InlineData("0 0 2 * * ?", 86_400)]
    // Weekdays at 09:00: Friday to Monday is the longest wait.
    [InlineData("0 0 9 ? * MON-FRI", 3 * 86_400)]
    public void The_period_is_the_longest_wait_between_two_occurrences(string cron, double seconds)
    {
        var expression = CronSchedule.TryParse(cron, out var problem);

        Assert.True(expression is not null, problem);
        Assert.Equal(TimeSpan.FromSeconds(seconds), CronSchedule.LongestGap(expression, Monday));
    }

    [Fact]
    public void Crons_are_read_in_utc()
    {
        var expression = CronSchedule.TryParse("0 0 2 * * ?", out _)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), expression.GetNextValidTimeAfter(Monday));
    }

    [Fact]
    public void An_empty_cron_is_no_cron()
    {
        Assert.Null(CronSchedule.TryParse(" ", out var problem));
        Assert.Equal("it is empty", problem);
    }
}
