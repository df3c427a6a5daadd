namespace Gateway.LoadShedding;

// A count of requests in flight that never goes over its maximum. A refused entry writes nothing, so a flood
// of refusals does not contend with the requests that hold slots.
public sealed class ConcurrencyGate(int max)
{
    private int _inFlight;

    public int Max { get; } = max > 0 ? max : throw new ArgumentOutOfRangeException(nameof(max), max, "The maximum must be positive.");

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryEnter()
    {
        var current = Volatile.Read(ref _inFlight);
        while (current < Max)
        {
            var seen = Interlocked.CompareExchange(ref _inFlight, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
