namespace CreditScoring.Gbm;

// Per leaf, its path's distinct features ("slots"): the zero fraction z (share of training cover that
// follows the path's splits on that feature) is fixed, the one fraction o is 1 when x satisfies all of
// them and 0 otherwise. The leaf adds, for slot i, v·(o_i − z_i)·Σ_S |S|!(d−|S|−1)!/d! Π_S o_j Π_rest z_j,
// which depends on x only through the pattern of o's, so it is tabulated per pattern.
// A split's slot is its feature's first appearance on the path from the root, the same for every leaf
// below it, so one pass down a tree gives every leaf's pattern instead of a walk up each leaf's path.
internal sealed class LeafShapTables
{
    public const int MaxSlots = 8;
    public const long MaxValues = 1L << 22;

    private readonly int[] splitStart;
    private readonly ShapSplit[] splits;
    private readonly int[] leafStart;
    private readonly ShapLeaf[] leaves;
    private readonly int[] slotColumn;
    private readonly double[] table;

    private LeafShapTables(int[] splitStart, ShapSplit[] splits, int[] leafStart, ShapLeaf[] leaves, int[] slotColumn, double[] table)
    {
        this.splitStart = splitStart;
        this.splits = splits;
        this.leafStart = leafStart;
        this.leaves = leaves;
        this.slotColumn = slotColumn;
        this.table = table;
    }

    // Null when a leaf has more than MaxSlots distinct features or the tables exceed MaxValues.
    public static LeafShapTables? TryBuild(
        int[] roots, int[] left, int[] right, int[] column, float[] condition, bool[] defaultLeft, float[] leafValue, double[] cover)
    {
        var splitStarts = new List<int>();
        var splits = new List<ShapSplit>();
        var leafStarts = new List<int>();
        var leaves = new List<ShapLeaf>();
        var slotColumns = new List<int>();
        var values = new List<double>();
        var slotBits = new int[left.Length];
        var path = new List<(int Node, bool Left)>();
        for (var t = 0; t < roots.Length; t++)
        {
            var root = roots[t];
            leafStarts.Add(leaves.Count);
            foreach (var (leaf, steps) in Leaves(root, left, right, path))
            {
                var slots = steps.Select(s => column[s.Node]).Distinct().ToArray();
                if (slots.Length > MaxSlots || values.Count + ((long)slots.Length << slots.Length) > MaxValues)
                {
                    return null;
                }

                var zero = new double[slots.Length];
                Array.Fill(zero, 1.0);
                foreach (var (node, goesLeft) in steps)
                {
                    var slot = Array.IndexOf(slots, column[node]);
                    zero[slot] *= cover[goesLeft ? left[node] : right[node]] / cover[node];
                    slotBits[node] = 1 << slot;
                }

                leaves.Add(new ShapLeaf(leaf - root, slots.Length, slotColumns.Count, values.Count));
                slotColumns.AddRange(slots);
                AddTable(values, leafValue[leaf], zero);
            }

            // In node order, so a parent's pattern is complete before its children's.
            splitStarts.Add(splits.Count);
            var end = t + 1 < roots.Length ? roots[t + 1] : left.Length;
            for (var node = root; node < end; node++)
            {
                if (left[node] >= 0)
                {
                    splits.Add(new ShapSplit(node - root, column[node], condition[node], defaultLeft[node], left[node] - root, right[node] - root, slotBits[node]));
                }
            }
        }

        leafStarts.Add(leaves.Count);
        splitStarts.Add(splits.Count);
        return new LeafShapTables([.. splitStarts], [.. splits], [.. leafStarts], [.. leaves], [.. slotColumns], [.. values]);
    }

    // Adds each column's TreeSHAP value to phi; satisfied is scratch for one tree's node patterns.
    public void Contributions(ReadOnlySpan<float> input, Span<double> phi, Span<int> satisfied)
    {
        for (var t = 0; t + 1 < leafStart.Length; t++)
        {
            // Each node's pattern: the slots whose splits on the way down x satisfies (no branch on x).
            satisfied[0] = -1;
            foreach (ref readonly var split in splits.AsSpan(splitStart[t], splitStart[t + 1] - splitStart[t]))
            {
                var x = input[split.Column];
                var wentLeft = (x < split.Condition) | (float.IsNaN(x) & split.DefaultLeft) ? -1 : 0;
                var kept = satisfied[split.Node];
                satisfied[split.Left] = kept & ~(split.SlotBit & ~wentLeft);
                satisfied[split.Right] = kept & ~(split.SlotBit & wentLeft);
            }

            foreach (ref readonly var leaf in leaves.AsSpan(leafStart[t], leafStart[t + 1] - leafStart[t]))
            {
                var pattern = satisfied[leaf.Node] & ((1 << leaf.Slots) - 1);
                var values = table.AsSpan(leaf.TableStart + (pattern * leaf.Slots), leaf.Slots);
                var columns = slotColumn.AsSpan(leaf.SlotStart, leaf.Slots);
                for (var k = 0; k < values.Length; k++)
                {
                    phi[columns[k]] += values[k];
                }
            }
        }
    }

    private static IEnumerable<(int Leaf, List<(int Node, bool Left)> Steps)> Leaves(int node, int[] left, int[] right, List<(int Node, bool Left)> path)
    {
        if (left[node] < 0)
        {
            yield return (node, path);
            yield break;
        }

        foreach (var goesLeft in new[] { true, false })
        {
            path.Add((node, goesLeft));
            foreach (var leaf in Leaves(goesLeft ? left[node] : right[node], left, right, path))
            {
                yield return leaf;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static void AddTable(List<double> values, double leafValue, double[] zero)
    {
        var d = zero.Length;
        var weight = new double[d];
        for (var k = 0; k < d; k++)
        {
            // |S|!(d−|S|−1)!/d! for |S| = k.
            weight[k] = Factorial(k) * Factorial(d - k - 1) / Factorial(d);
        }

        var polynomial = new double[d];
        for (var pattern = 0; pattern < 1 << d; pattern++)
        {
            for (var i = 0; i < d; i++)
            {
                // Coefficients in t of Π_{j≠i} (z_j + o_j t): coefficient k sums the subsets S of size k.
                Array.Clear(polynomial);
                polynomial[0] = 1;
                var degree = 0;
                for (var j = 0; j < d; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    var one = (pattern >> j) & 1;
                    for (var k = degree + 1; k >= 0; k--)
                    {
                        polynomial[k] = (k <= degree ? polynomial[k] * zero[j] : 0) + (k > 0 ? polynomial[k - 1] * one : 0);
                    }

                    degree++;
                }

                var sum = 0.0;
                for (var k = 0; k < d; k++)
                {
                    sum += weight[k] * polynomial[k];
                }

                values.Add(leafValue * (((pattern >> i) & 1) - zero[i]) * sum);
            }
        }
    }

    private static double Factorial(int n)
    {
        var result = 1.0;
        for (var k = 2; k <= n; k++)
        {
            result *= k;
        }

        return result;
    }
}
