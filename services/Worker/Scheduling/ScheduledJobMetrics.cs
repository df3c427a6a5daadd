using Prometheus;

namespace Worker.Scheduling;

// The scheduled jobs' runs on this Worker, for /metrics, labelled job_name (a label "job" would clash with the scrape
// job's, and Prometheus would rename it exported_job). The last success is the latest this Worker knows of, its own
// runs' or (read at start) any Worker's, so the newest across Workers is the job's; the period is the longest wait
// between two occurrences of its cron, against which the ScheduledJobFailing alert measures "too long without success".
public sealed class ScheduledJobMetrics
{
    private readonly Counter _runs;
    private readonly Histogram _duration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _period;

    public ScheduledJobMetrics(IMetricFactory metrics, ScheduledJobs jobs)
    {
        _runs = metrics.CreateCounter("decisioning_scheduled_job_runs_total", "Runs of scheduled jobs on this Worker, by job_name and result (succeeded, failed).", ["job_name", "result"]);
        _duration = metrics.CreateHistogram("decisioning_scheduled_job_duration_seconds", "Duration of scheduled jobs' runs on this Worker, by job_name.",
            new HistogramConfiguration { LabelNames = ["job_name"], Buckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600] });
        _lastSuccess = metrics.CreateGauge("decisioning_scheduled_job_last_success_timestamp_seconds",
            "When a run of the job last succeeded (Unix seconds): this Worker's latest, or the latest recorded when it started.",
            new GaugeConfiguration { LabelNames = ["job_name"], SuppressInitialValue = true });
        _period = metrics.CreateGauge("decisioning_scheduled_job_period_seconds", "The longest wait between two occurrences of the job's cron, for enabled jobs.",
            new GaugeConfiguration { LabelNames = ["job_name"], SuppressInitialValue = true });
        foreach (var job in jobs.All)
        {
            _runs.WithLabels(job.Name, "succeeded");
            _runs.WithLabels(job.Name, "failed");
            _duration.WithLabels(job.Name);
        }
    }

    public void Scheduled(string job, TimeSpan period) => _period.WithLabels(job).Set(period.TotalSeconds);

    public void Unscheduled(string job) => _period.RemoveLabelled(job);

    public void Succeeded(string job, TimeSpan duration, DateTimeOffset finishedAt)
    {
        _runs.WithLabels(job, "succeeded").Inc();
        _duration.WithLabels(job).Observe(duration.TotalSeconds);
        LastSucceeded(job, finishedAt);
    }

    public void Failed(string job, TimeSpan duration)
    {
        _runs.WithLabels(job, "failed").Inc();
        _duration.WithLabels(job).Observe(duration.TotalSeconds);
    }

    public void LastSucceeded(string job, DateTimeOffset at)
    {
        var gauge = _lastSuccess.WithLabels(job);
        gauge.IncTo(at.ToUnixTimeMilliseconds() / 1000.0);
        gauge.Publish();
    }
}
