using Decisioning.Contracts.Scoring.V1;
using Gateway.Decisions;
using Gateway.Models;
using Prometheus;

namespace Gateway.UnitTests;

public class ChallengerQueueTests
{
    private const string Dropped = "decisioning_challenger_dropped_total";

    [Fact]
    public async Task A_full_queue_drops_new_jobs_and_counts_every_drop()
    {
        var registry = Metrics.NewCustomRegistry();
        var queue = new ChallengerQueue(new DecisionMetrics(Metrics.WithCustomRegistry(registry)));
        Assert.Equal(0, await RegistryReading.ValueAsync(registry, Dropped));

        for (var i = 0; i < ChallengerQueue.Capacity + 3; i++)
        {
            queue.Enqueue(Job());
        }

        Assert.Equal(3, await RegistryReading.ValueAsync(registry, Dropped));
        Assert.Equal(ChallengerQueue.Capacity, queue.Reader.Count);

        // Once the reader takes a job, there is room for one more and nothing else is dropped.
        Assert.True(queue.Reader.TryRead(out _));
        queue.Enqueue(Job());
        Assert.Equal(3, await RegistryReading.ValueAsync(registry, Dropped));
    }

    private static ChallengerJob Job() => new("tenant", Guid.NewGuid(), DateTime.UtcNow, new ScoreRequest(), 0.1, "champion-1");
}
