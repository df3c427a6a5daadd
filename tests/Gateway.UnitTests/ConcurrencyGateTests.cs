using Gateway.LoadShedding;

namespace Gateway.UnitTests;

public class ConcurrencyGateTests
{
    [Fact]
    public void Admits_up_to_its_maximum_and_again_after_an_exit()
    {
        var gate = new ConcurrencyGate(2);

        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        gate.Exit();
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
    }

    [Fact]
    public void Never_has_more_in_flight_than_its_maximum_under_contention()
    {
        var gate = new ConcurrencyGate(3);
        var inside = 0;
        var mostInside = 0;
        var admitted = 0;

        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (!gate.TryEnter())
            {
                return;
            }

            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            Interlocked.Increment(ref admitted);
            Interlocked.Decrement(ref inside);
            gate.Exit();
        });

        Assert.InRange(mostInside, 1, 3);
        Assert.True(admitted > 0);
        Assert.Equal(0, gate.InFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
