using System.Threading.Channels;
using Gateway.Decisions;

namespace Gateway.Models;

// Hands decided applications to the challenger scoring off the decision's latency path. Bounded: when
// challengers fall behind, new jobs are dropped (and counted) rather than slowing decisions or memory.
public sealed class ChallengerQueue(DecisionMetrics metrics)
{
    public const int Capacity = 2000;

    // A DropWrite channel's TryWrite says true even when it drops the job: only this callback sees the drop.
    private readonly Channel<ChallengerJob> _jobs = Channel.CreateBounded<ChallengerJob>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
        _ => metrics.RecordChallengerDropped());

    public ChannelReader<ChallengerJob> Reader => _jobs.Reader;

    public void Enqueue(ChallengerJob job) => _jobs.Writer.TryWrite(job);
}
