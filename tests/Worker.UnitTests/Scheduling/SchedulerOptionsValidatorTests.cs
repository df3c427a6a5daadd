using Microsoft.Extensions.Configuration;
using Quartz;
using Worker.Scheduling;

namespace Worker.UnitTests.Scheduling;

// What the Worker refuses to start with: the schedule of every job must be a cron Quartz can run.
public class SchedulerOptionsValidatorTests
{
    private static readonly ScheduledJobs Jobs = new ScheduledJobs()
        .AddJob<NightlyReport>("nightly-report", "0 0 2 * * ?")
        .AddJob<NightlyReport>("partition-maintenance", "0 */10 * * * ?");

    [Fact]
    public void Accepts_configured_crons_and_jobs_left_on_their_default()
    {
        var options = Options(("nightly-report", "0 30 3 ? * MON-FRI"));

        var result = new SchedulerOptionsValidator(Jobs).Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(("0 30 3 ? * MON-FRI", true), options.ScheduleOf(Jobs.Find("nightly-report")!));
        Assert.Equal(("0 */10 * * * ?", true), options.ScheduleOf(Jobs.Find("partition-maintenance")!));
    }

    [Theory]
    [InlineData("0 */10 * * *")]
    [InlineData("0 0 25 * * ?")]
    [InlineData("0 61 * * * ?")]
    [InlineData("every ten minutes")]
    public void Refuses_a_cron_quartz_cannot_read_naming_the_job_and_the_expression(string cron)
    {
        var result = new SchedulerOptionsValidator(Jobs).Validate(null, Options(("partition-maintenance", cron)));

        Assert.True(result.Failed);
        Assert.Contains($"Scheduler:Jobs:partition-maintenance:Cron '{cron}' of job 'partition-maintenance' is not a Quartz cron expression", result.FailureMessage);
    }

    [Fact]
    public void Refuses_settings_for_a_job_the_worker_does_not_have()
    {
        var result = new SchedulerOptionsValidator(Jobs).Validate(null, Options(("partition-maintenanse", "0 0 * * * ?")));

        Assert.True(result.Failed);
        Assert.Contains("Scheduler:Jobs:partition-maintenanse names no scheduled job; the Worker's jobs are: nightly-report, partition-maintenance.", result.FailureMessage);
    }

    [Fact]
    public void A_job_without_a_cron_in_its_settings_keeps_its_default_and_can_be_disabled()
    {
        var options = Options(("nightly-report", null));
        options.Jobs["nightly-report"].Enabled = false;

        var result = new SchedulerOptionsValidator(Jobs).Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(("0 0 2 * * ?", false), options.ScheduleOf(Jobs.Find("nightly-report")!));
    }

    [Fact]
    public void Refuses_a_default_cron_in_code_that_quartz_cannot_read()
    {
        var jobs = new ScheduledJobs().AddJob<NightlyReport>("nightly-report", "0 0 2 * *");

        var result = new SchedulerOptionsValidator(jobs).Validate(null, new SchedulerOptions());

        Assert.True(result.Failed);
        Assert.Contains("The default cron '0 0 2 * *' of job 'nightly-report' is not a Quartz cron expression.", result.FailureMessage);
    }

    [Fact]
    public void Settings_name_a_job_in_any_case_as_configuration_keys_do()
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Jobs:Partition-Maintenance:Cron"] = "0 0 * * * ?" })
            .Build().GetSection(SchedulerOptions.Section).Get<SchedulerOptions>()!;

        Assert.True(new SchedulerOptionsValidator(Jobs).Validate(null, options).Succeeded);
        Assert.Equal(("0 0 * * * ?", true), options.ScheduleOf(Jobs.Find("partition-maintenance")!));
    }

    [Fact]
    public void A_job_name_is_registered_once()
    {
        var jobs = new ScheduledJobs().AddJob<NightlyReport>("nightly-report", "0 0 2 * * ?");

        var error = Assert.Throws<InvalidOperationException>(() => jobs.AddJob<NightlyReport>("Nightly-Report", "0 0 3 * * ?"));

        Assert.Contains("'Nightly-Report' is registered twice", error.Message);
    }

    private static SchedulerOptions Options(params (string Job, string? Cron)[] jobs)
    {
        var options = new SchedulerOptions();
        foreach (var (job, cron) in jobs)
        {
            options.Jobs[job] = new ScheduledJobOptions { Cron = cron };
        }

        return options;
    }

    private sealed class NightlyReport : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
