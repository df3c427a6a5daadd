using System.Text.Json;

namespace CreditScoring.Gbm;

// One tree of XGBoost's JSON model as read, before it joins the flat ensemble.
internal sealed class TreeArrays
{
    public TreeArrays(JsonElement tree, string where)
    {
        Left = Ints(tree, "left_children", where);
        Right = Ints(tree, "right_children", where);
        Column = Ints(tree, "split_indices", where);
        Condition = Floats(tree, "split_conditions", where);
        DefaultLeft = [.. Ints(tree, "default_left", where).Select(v => v != 0)];
        Cover = Floats(tree, "sum_hessian", where);
        SplitType = tree.TryGetProperty("split_type", out _) ? Ints(tree, "split_type", where) : new int[Left.Length];
    }

    public int[] Left { get; }

    public int[] Right { get; }

    public int[] Column { get; }

    // The split threshold of an inner node, the leaf value of a leaf.
    public float[] Condition { get; }

    public bool[] DefaultLeft { get; }

    public float[] Cover { get; }

    public int[] SplitType { get; }

    public int Depth { get; private set; }

    public void Validate(int numFeature, string where)
    {
        var n = Left.Length;
        if (n == 0 || new[] { Right.Length, Column.Length, Condition.Length, DefaultLeft.Length, Cover.Length, SplitType.Length }.Any(l => l != n))
        {
            throw GradientBoostedModelReader.Fail($"{where}: node arrays are empty or of different lengths");
        }

        var depth = new int[n];
        var parents = new int[n];
        for (var node = 0; node < n; node++)
        {
            if (!float.IsFinite(Condition[node]) || !(Cover[node] > 0) || !float.IsFinite(Cover[node]))
            {
                throw GradientBoostedModelReader.Fail($"{where}: node {node} has a non-finite value or a cover that is not positive");
            }

            if (Left[node] == -1 && Right[node] == -1)
            {
                continue;
            }

            // Children after their parent, each with one parent: the nodes form a tree.
            if (Left[node] <= node || Right[node] <= node || Left[node] >= n || Right[node] >= n || Left[node] == Right[node])
            {
                throw GradientBoostedModelReader.Fail($"{where}: node {node} has children {Left[node]} and {Right[node]}, which do not form a tree");
            }

            if (SplitType[node] != 0)
            {
                throw GradientBoostedModelReader.Fail($"{where}: node {node} is a categorical split, which is not supported");
            }

            if (Column[node] < 0 || Column[node] >= numFeature)
            {
                throw GradientBoostedModelReader.Fail($"{where}: node {node} splits on column {Column[node]}, outside 0..{numFeature - 1}");
            }

            foreach (var child in new[] { Left[node], Right[node] })
            {
                if (++parents[child] > 1)
                {
                    throw GradientBoostedModelReader.Fail($"{where}: node {child} has more than one parent");
                }

                depth[child] = depth[node] + 1;
            }
        }

        if (Enumerable.Range(1, n - 1).Any(node => parents[node] != 1))
        {
            throw GradientBoostedModelReader.Fail($"{where}: some nodes are not reachable from the root");
        }

        Depth = depth.Max();
    }

    // The lowest and highest leaf value under a node.
    public (float Low, float High) LeafRange(int node)
    {
        if (Left[node] < 0)
        {
            return (Condition[node], Condition[node]);
        }

        var (leftLow, leftHigh) = LeafRange(Left[node]);
        var (rightLow, rightHigh) = LeafRange(Right[node]);
        return (Math.Min(leftLow, rightLow), Math.Max(leftHigh, rightHigh));
    }

    private static int[] Ints(JsonElement tree, string name, string where) =>
        [.. GradientBoostedModelReader.Property(tree, name, JsonValueKind.Array, where).EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw GradientBoostedModelReader.Fail($"{where}: '{name}' holds a value that is not an integer"))];

    private static float[] Floats(JsonElement tree, string name, string where) =>
        [.. GradientBoostedModelReader.Property(tree, name, JsonValueKind.Array, where).EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out var f) ? f : throw GradientBoostedModelReader.Fail($"{where}: '{name}' holds a value that is not a number"))];
}
