namespace CreditScoring.Gbm;

// Per-thread buffers so that scoring allocates only its result; grown for the largest model seen.
internal sealed class ScoringScratch
{
    [ThreadStatic]
    private static ScoringScratch? current;

    public float[] Input { get; private set; } = [];

    public double[] Phi { get; private set; } = [];

    public double[] ByFeature { get; private set; } = [];

    public PathElement[] Path { get; private set; } = [];

    public int[] Satisfied { get; private set; } = [];

    public static ScoringScratch For(int columns, int features, int pathLength, int treeNodes)
    {
        var scratch = current ??= new ScoringScratch();
        if (scratch.Input.Length < columns)
        {
            scratch.Input = new float[columns];
            scratch.Phi = new double[columns + 1];
        }

        if (scratch.ByFeature.Length < features)
        {
            scratch.ByFeature = new double[features];
        }

        if (scratch.Path.Length < pathLength)
        {
            scratch.Path = new PathElement[pathLength];
        }

        if (scratch.Satisfied.Length < treeNodes)
        {
            scratch.Satisfied = new int[treeNodes];
        }

        return scratch;
    }
}
