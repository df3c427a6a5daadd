namespace CreditScoring.Gbm;

// Per leaf, its path's distinct features ("slots"): the zero fraction z (share of training cover that
// follows the path's splits on that feature) is fixed, the one fraction o is 1 when x satisfies all of
// them and 0 otherwise. The leaf adds, for slot i, v·(o_i − z_i)·Σ_S |S|!(d−|S|−1)!/d! Π_S o_j Π_rest z_j,
// which depends on x only through the pattern of o's, so it is tabulated per pattern.
// A split's slot is its feature's first appearance on the path from the root, the same for every leaf
// below it, so one pass down a tree gives every leaf's pattern.
internal sealed class LeafShapTables
{
    public const int MaxSlots = 8;
    public const long MaxValues = 1L << 22;

    private readonly int[] leafStart;
    private readonly int[] leafNode;
    private readonly int[] slotBit;
    private readonly int[] slotStart;
    private readonly int[] slotCount;
    private readonly int[] slotColumn;
    private readonly int[] tableStart;
    private readonly double[] table;

    private LeafShapTables(
        int[] leafStart, int[] leafNode, int[] slotBit, int[] slotStart, int[] slotCount, int[] slotColumn, int[] tableStart, double[] table)
    {
        this.leafStart = leafStart;
        this.leafNode = leafNode;
        this.slotBit = slotBit;
        this.slotStart = slotStart;
        this.slotCount = slotCount;
        this.slotColumn = slotColumn;
        this.tableStart = tableStart;
        this.table = table;
    }

    // Null when a leaf has more than MaxSlots distinct features or the tables exceed MaxValues.
    public static LeafShapTables? TryBuild(int[] roots, int[] left, int[] right, int[] column, float[] leafValue, double[] cover)
    {
        var leafStarts = new List<int>();
        var leafNodes = new List<int>();
        var slotBits = new int[left.Length];
        var slotStarts = new List<int>();
        var slotCounts = new List<int>();
        var slotColumns = new List<int>();
        var tableStarts = new List<int>();
        var values = new List<double>();
        var path = new List<(int Node, bool Left)>();
        for (var t = 0; t < roots.Length; t++)
        {
            leafStarts.Add(slotCounts.Count);
            foreach (var (leaf, steps) in Leaves(roots[t], left, right, path))
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

                leafNodes.Add(leaf - roots[t]);
                slotStarts.Add(slotColumns.Count);
                slotCounts.Add(slots.Length);
                slotColumns.AddRange(slots);
                tableStarts.Add(values.Count);
                AddTable(values, leafValue[leaf], zero);
            }
        }

        leafStarts.Add(slotCounts.Count);
        return new LeafShapTables([.. leafStarts], [.. leafNodes], slotBits, [.. slotStarts], [.. slotCounts], [.. slotColumns], [.. tableStarts], [.. values]);
    }

    // Adds each column's TreeSHAP value to phi; satisfied is scratch for one tree's node patterns.
    public void Contributions(TreeEnsemble trees, ReadOnlySpan<float> input, Span<double> phi, Span<int> satisfied)
    {
        for (var t = 0; t < trees.TreeCount; t++)
        {
            trees.SatisfiedSlots(t, input, slotBit, satisfied);
            for (var leaf = leafStart[t]; leaf < leafStart[t + 1]; leaf++)
            {
                var slots = slotCount[leaf];
                var pattern = satisfied[leafNode[leaf]] & ((1 << slots) - 1);
                var values = table.AsSpan(tableStart[leaf] + (pattern * slots), slots);
                var columns = slotColumn.AsSpan(slotStart[leaf], slots);
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
