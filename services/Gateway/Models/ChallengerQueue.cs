using System.Threading.Channels;

namespace Gateway.Models;

// Hands decided applications to the challenger scoring off the decision's latency path. Bounded: when
// challengers fall behind, new jobs are dropped (and counted) rather than slowing decisions or memory.
public sealed class ChallengerQueue
{
    private readonly Channel<ChallengerJob> _jobs = Channel.CreateBounded<ChallengerJob>(
        new BoundedChannelOptions(2000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<ChallengerJob> Reader => _jobs.Reader;

    public bool TryEnqueue(ChallengerJob job) => _jobs.Writer.TryWrite(job) && _jobs.Reader.Count <= 2000;
}
