namespace CreditScoring.Gbm;

// All trees in flat arrays (node i of tree t at roots[t] + i). A split sends x left when
// x < condition in float32, as xgboost compares; a missing (NaN) value takes the default side.
internal sealed class TreeEnsemble
{
    private readonly int[] roots;
    private readonly int[] left;
    private readonly int[] right;
    private readonly int[] column;
    private readonly float[] condition;
    private readonly bool[] defaultLeft;
    private readonly float[] leafValue;
    private readonly double[] cover;
    private readonly LeafShapTables? tables;

    public TreeEnsemble(
        int[] roots, int[] left, int[] right, int[] column, float[] condition, bool[] defaultLeft, float[] leafValue, double[] cover, int maxDepth,
        TreeShapAlgorithm algorithm)
    {
        this.roots = roots;
        this.left = left;
        this.right = right;
        this.column = column;
        this.condition = condition;
        this.defaultLeft = defaultLeft;
        this.leafValue = leafValue;
        this.cover = cover;
        MaxDepth = maxDepth;
        var maxPath = maxDepth + 2;
        PathScratchLength = maxPath * (maxPath + 1) / 2;

        // Expected value of every node under the training distribution, weighted by cover; children follow parents.
        MeanValue = new double[left.Length];
        for (var node = left.Length - 1; node >= 0; node--)
        {
            MeanValue[node] = left[node] < 0
                ? leafValue[node]
                : ((MeanValue[left[node]] * cover[left[node]]) + (MeanValue[right[node]] * cover[right[node]])) / cover[node];
        }

        ExpectedValue = roots.Sum(r => MeanValue[r]);
        MaxTreeNodes = Enumerable.Range(0, roots.Length).Max(t => End(t) - roots[t]);
        if (algorithm == TreeShapAlgorithm.LeafTables)
        {
            tables = LeafShapTables.TryBuild(roots, left, right, column, condition, defaultLeft, leafValue, cover)
                ?? throw new GbmLoadException(
                    $"The trees are too deep for TreeSHAP leaf tables (more than {LeafShapTables.MaxSlots} features on a path or "
                    + $"{LeafShapTables.MaxValues} values); load with {nameof(TreeShapAlgorithm)}.{nameof(TreeShapAlgorithm.Recursive)}.");
        }
    }

    public int MaxTreeNodes { get; }

    public int TreeCount => roots.Length;

    public int MaxDepth { get; }

    public int PathScratchLength { get; }

    public double[] MeanValue { get; }

    // Σ over trees of the root's mean value: the bias of TreeSHAP before the base margin.
    public double ExpectedValue { get; }

    // Summed in double: xgboost accumulates in float32 (about 1e-6 off over a few hundred trees),
    // and the double sum is the one the TreeSHAP contributions add up to.
    public double Margin(ReadOnlySpan<float> input, double baseMargin)
    {
        var sum = baseMargin;
        foreach (var root in roots)
        {
            sum += leafValue[Leaf(root, input)];
        }

        return sum;
    }

    // Adds each column's TreeSHAP value to phi[column]; the caller adds the bias.
    public void Contributions(ReadOnlySpan<float> input, Span<double> phi, Span<PathElement> path, Span<int> satisfied)
    {
        if (tables is not null)
        {
            tables.Contributions(input, phi, satisfied);
            return;
        }

        foreach (var root in roots)
        {
            Shap(input, phi, root, 0, path, 1, 1, -1);
        }
    }

    private int End(int tree) => tree + 1 < roots.Length ? roots[tree + 1] : left.Length;

    private int Leaf(int node, ReadOnlySpan<float> input)
    {
        while (left[node] >= 0)
        {
            node = Next(node, input[column[node]]);
        }

        return node;
    }

    private int Next(int node, float x) =>
        float.IsNaN(x) ? (defaultLeft[node] ? left[node] : right[node])
        : x < condition[node] ? left[node] : right[node];

    // Recursive TreeSHAP; each level's unique path is a copy of its parent's, placed right after it.
    private void Shap(
        ReadOnlySpan<float> input, Span<double> phi, int node, int depth, Span<PathElement> parentPath,
        double parentZero, double parentOne, int parentColumn)
    {
        var path = parentPath[(depth + 1)..];
        parentPath[..(depth + 1)].CopyTo(path);
        Extend(path, depth, parentZero, parentOne, parentColumn);

        if (left[node] < 0)
        {
            for (var i = 1; i <= depth; i++)
            {
                var w = UnwoundPathSum(path, depth, i);
                phi[path[i].Column] += w * (path[i].OneFraction - path[i].ZeroFraction) * leafValue[node];
            }

            return;
        }

        var split = column[node];
        var hot = Next(node, input[split]);
        var cold = hot == left[node] ? right[node] : left[node];
        var hotZero = cover[hot] / cover[node];
        var coldZero = cover[cold] / cover[node];
        double incomingZero = 1;
        double incomingOne = 1;

        // A feature already on the path is unwound and re-added with this split's fractions.
        var at = 0;
        while (at <= depth && path[at].Column != split)
        {
            at++;
        }

        if (at <= depth)
        {
            incomingZero = path[at].ZeroFraction;
            incomingOne = path[at].OneFraction;
            Unwind(path, depth, at);
            depth--;
        }

        Shap(input, phi, hot, depth + 1, path, hotZero * incomingZero, incomingOne, split);
        Shap(input, phi, cold, depth + 1, path, coldZero * incomingZero, 0, split);
    }

    private static void Extend(Span<PathElement> path, int depth, double zero, double one, int column)
    {
        path[depth].Column = column;
        path[depth].ZeroFraction = zero;
        path[depth].OneFraction = one;
        path[depth].Weight = depth == 0 ? 1 : 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int depth, int at)
    {
        var one = path[at].OneFraction;
        var zero = path[at].ZeroFraction;
        var next = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var kept = path[i].Weight;
                path[i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = kept - (path[i].Weight * zero * (depth - i) / (depth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }

        for (var i = at; i < depth; i++)
        {
            path[i].Column = path[i + 1].Column;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundPathSum(Span<PathElement> path, int depth, int at)
    {
        var one = path[at].OneFraction;
        var zero = path[at].ZeroFraction;
        var next = path[depth].Weight;
        var total = 0.0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var w = next * (depth + 1) / ((i + 1) * one);
                total += w;
                next = path[i].Weight - (w * zero * (depth - i) / (depth + 1));
            }
            else
            {
                total += path[i].Weight / zero / ((depth - i) / (double)(depth + 1));
            }
        }

        return total;
    }
}
