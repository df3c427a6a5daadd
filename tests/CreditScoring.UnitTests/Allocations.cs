namespace CreditScoring.UnitTests;

internal static class Allocations
{
    /// <summary>Bytes this thread allocates per call of <paramref name="call"/>, averaged over 1,000 calls after a first one.</summary>
    public static double PerCall(Action call)
    {
        const int calls = 1000;
        call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }
}
