using Grpc.Net.Client.Balancer;

namespace Gateway.Models;

// Round-robin over the replicas with a connection ready, passing over for a second any replica a call could not
// reach (its connection refused or lost before an answer). The channel learns that a replica is gone only when its
// old connection is torn down; until then plain round-robin keeps picking it, and a retry can land on it again.
// Here the first failed call marks it, so the retry and the calls after it go to the others. When every replica is
// marked, calls go round-robin over all of them.
public sealed class ReplicaBalancerFactory : LoadBalancerFactory
{
    public const string PolicyName = "decisioning_replicas";

    public override string Name => PolicyName;

    public override LoadBalancer Create(LoadBalancerOptions options) => new ReplicaBalancer(options.Controller, options.LoggerFactory);
}

public sealed class ReplicaBalancer(IChannelControlHelper controller, ILoggerFactory loggerFactory)
    : SubchannelsLoadBalancer(controller, loggerFactory)
{
    private const long PassOverMilliseconds = 1_000;

    private readonly ILogger _logger = loggerFactory.CreateLogger<ReplicaBalancer>();
    private readonly Lock _lock = new();
    private Dictionary<Subchannel, Replica> _replicas = [];

    protected override SubchannelPicker CreatePicker(IReadOnlyList<Subchannel> readySubchannels)
    {
        lock (_lock)
        {
            // A replica keeps its mark while it stays ready; one that left and came back starts unmarked.
            _replicas = readySubchannels.ToDictionary(s => s, s => _replicas.GetValueOrDefault(s) ?? new Replica(s, _logger));
            return new Picker([.. readySubchannels.Select(s => _replicas[s])]);
        }
    }

    private sealed class Picker(Replica[] replicas) : SubchannelPicker
    {
        private long _picks = Random.Shared.Next(replicas.Length);

        public override PickResult Pick(PickContext context)
        {
            var first = (int)(Interlocked.Increment(ref _picks) % replicas.Length);
            var now = Environment.TickCount64;
            for (var i = 0; i < replicas.Length; i++)
            {
                var replica = replicas[(first + i) % replicas.Length];
                if (!replica.PassedOver(now))
                {
                    return PickResult.ForSubchannel(replica.Subchannel, replica);
                }
            }

            return PickResult.ForSubchannel(replicas[first].Subchannel, replicas[first]);
        }
    }

    private sealed class Replica(Subchannel subchannel, ILogger logger) : ISubchannelCallTracker
    {
        private long _failedAt = long.MinValue / 2;

        public Subchannel Subchannel => subchannel;

        public bool PassedOver(long now) => now - Volatile.Read(ref _failedAt) < PassOverMilliseconds;

        public void Start()
        {
        }

        // An error here is the transport's: the call got no response at all. A status the replica answered, or a
        // deadline (a slow replica is the circuit breaker's to judge), leaves the replica in the rotation.
        public void Complete(CompletionContext context)
        {
            if (context.Error is HttpRequestException or IOException)
            {
                var now = Environment.TickCount64;
                if (now - Interlocked.Exchange(ref _failedAt, now) >= PassOverMilliseconds)
                {
                    logger.LogWarning("Replica {Address} could not be reached ({Failure}); its calls go to the other replicas for {Seconds} s.",
                        context.Address, context.Error.GetType().Name, PassOverMilliseconds / 1000.0);
                }
            }
        }
    }
}
