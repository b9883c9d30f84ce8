using Kessan.Definitions;

namespace Kessan.Build;

/// <summary>A figure to be shown: its exact value in display units (e.g. 340.569 for ¥340,569 thousand shown in millions).</summary>
public sealed record FootingNode(object Key, decimal Exact, bool Fixed = false);

/// <summary>A displayed relation that must hold after rounding: total = Σ weight × item.</summary>
public sealed record FootingConstraint(object Total, IReadOnlyList<(object Node, decimal Weight)> Items);

/// <summary>One figure shown one unit away from its plain rounding so that the tables it appears in foot.</summary>
public sealed record RoundingAdjustment(object Key, decimal Exact, decimal Plain, decimal Shown);

/// <summary>
/// Rounds figures to whole display units so that every displayed total equals the sum of its displayed parts, with
/// the fewest departures from plain rounding (half away from zero) and, among those, the smallest total distance from
/// the exact values.
/// <para>
/// Method: every figure starts at its plain rounding. A figure may move one unit up or down; figures that are exact in
/// display units, and grand totals (figures that are a total but never a part), never move — so a total reads the same
/// wherever it is quoted, and the parts absorb the rounding. Relations that share figures are solved together; within
/// such a group a branch-and-bound search keeps the cheapest set of moves that makes every relation hold (cost: one
/// per moved figure, two per moved subtotal — parts absorb rounding before subtotals do — ties broken by how much
/// farther from exact the moved figures end up). If no set of up to
/// <see cref="MaxMoves"/> moves is found, plain rounding is kept and the caller reports the relations that do not foot.
/// </para>
/// </summary>
public static class FootingRounder
{
    /// <summary>The most figures one group of related totals may move.</summary>
    public const int MaxMoves = 24;

    /// <summary>How many search steps one group may take before the best solution found so far is kept.</summary>
    public const int SearchBudget = 50_000;

    public sealed record Solution(IReadOnlyDictionary<object, decimal> Shown, IReadOnlyList<RoundingAdjustment> Adjustments, IReadOnlyList<FootingConstraint> Unfooted);

    public static decimal Plain(decimal exact) => Math.Round(exact, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Rounds the figures; <paramref name="rule"/> says which may move (by default parts and subtotals, not grand
    /// totals; <see cref="FootingRule.AnyFigure"/> lets grand totals move too; <see cref="FootingRule.PlainRounding"/> none).
    /// </summary>
    public static Solution Solve(IReadOnlyList<FootingNode> nodes, IReadOnlyList<FootingConstraint> constraints, FootingRule rule = FootingRule.GrandTotalsFixed)
    {
        var byKey = new Dictionary<object, FootingNode>();
        foreach (var n in nodes)
        {
            byKey.TryAdd(n.Key, n);
        }

        var shown = byKey.ToDictionary(kv => kv.Key, kv => Plain(kv.Value.Exact));
        var usable = constraints
            .Where(c => byKey.ContainsKey(c.Total) && c.Items.All(i => byKey.ContainsKey(i.Node) && Math.Abs(i.Weight) == 1m))
            .Distinct(new ConstraintComparer())
            .ToList();

        var items = usable.SelectMany(c => c.Items.Select(i => i.Node)).ToHashSet();
        if (rule == FootingRule.AnyFigure)
        {
            items.UnionWith(usable.Select(c => c.Total));
        }

        bool Movable(object key) =>
            rule != FootingRule.PlainRounding && !byKey[key].Fixed && byKey[key].Exact != decimal.Truncate(byKey[key].Exact) && items.Contains(key);

        var adjustments = new List<RoundingAdjustment>();
        var unfooted = new List<FootingConstraint>();
        foreach (var group in Groups(usable))
        {
            if (group.All(c => Residual(c, shown) == 0))
            {
                continue;
            }

            var moves = Search(group, byKey, shown, Movable);
            if (moves is null)
            {
                unfooted.AddRange(group.Where(c => Residual(c, shown) != 0));
                continue;
            }

            foreach (var (key, delta) in moves)
            {
                var plain = shown[key];
                shown[key] = plain + delta;
                adjustments.Add(new RoundingAdjustment(key, byKey[key].Exact, plain, plain + delta));
            }
        }

        return new Solution(shown, adjustments, unfooted);
    }

    private static decimal Residual(FootingConstraint c, IReadOnlyDictionary<object, decimal> shown) =>
        shown[c.Total] - c.Items.Sum(i => i.Weight * shown[i.Node]);

    /// <summary>
    /// Depth-first branch and bound: take the first relation that does not foot (grand totals first), try moving each of
    /// its movable figures one unit in the direction that closes the gap — the moves that leave fewest relations broken
    /// first — and keep the cheapest complete solution found within <see cref="SearchBudget"/> steps.
    /// </summary>
    private static List<(object Key, int Delta)>? Search(
        List<FootingConstraint> group,
        Dictionary<object, FootingNode> nodes,
        Dictionary<object, decimal> plain,
        Func<object, bool> movable)
    {
        var current = new Dictionary<object, decimal>(plain);
        var moved = new List<(object Key, int Delta)>();
        var movedKeys = new HashSet<object>();
        List<(object Key, int Delta)>? best = null;
        var bestMoves = int.MaxValue;
        var bestExtra = decimal.MaxValue;
        var steps = 0;
        var containing = new Dictionary<object, List<FootingConstraint>>();
        foreach (var c in group)
        {
            foreach (var key in c.Items.Select(i => i.Node).Append(c.Total).Distinct())
            {
                if (!containing.TryGetValue(key, out var list))
                {
                    containing[key] = list = [];
                }

                list.Add(c);
            }
        }

        // Grand totals first, then the relations below them, so that parts absorb the rounding.
        var depth = new Dictionary<FootingConstraint, int>();
        int Depth(FootingConstraint c, int guard)
        {
            if (depth.TryGetValue(c, out var d))
            {
                return d;
            }

            var parents = group.Where(p => p != c && p.Items.Any(i => Equals(i.Node, c.Total))).ToList();
            d = guard > 50 || parents.Count == 0 ? 0 : 1 + parents.Max(p => Depth(p, guard + 1));
            depth[c] = d;
            return d;
        }

        var ordered = group.OrderBy(c => Depth(c, 0)).ToList();
        var subtotals = group.Select(c => c.Total).ToHashSet();
        int Weight(object key) => subtotals.Contains(key) ? 2 : 1;
        var weightUsed = 0;

        decimal Extra(object key, int delta)
        {
            var n = nodes[key];
            var p = plain[key];
            return Math.Abs(p + delta - n.Exact) - Math.Abs(p - n.Exact);
        }

        // Residuals kept up to date move by move: a figure's coefficient is +1 in a relation it totals, −weight where it is a part.
        var residuals = group.ToDictionary(c => c, c => Residual(c, current));
        var coefficients = containing.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Select(c => (c, Coefficient: (Equals(c.Total, kv.Key) ? 1m : 0m) - c.Items.Where(i => Equals(i.Node, kv.Key)).Sum(i => i.Weight))).ToList());
        var broken = residuals.Count(r => r.Value != 0);

        void Apply(object key, int delta)
        {
            current[key] += delta;
            foreach (var (c, coefficient) in coefficients[key])
            {
                var before = residuals[c];
                var after = before + (coefficient * delta);
                residuals[c] = after;
                broken += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
            }
        }

        int BrokenAfter(object key, int delta)
        {
            var result = broken;
            foreach (var (c, coefficient) in coefficients[key])
            {
                var before = residuals[c];
                result += (before + (coefficient * delta) != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
            }

            return result;
        }

        void Dfs(decimal extra)
        {
            if (++steps > SearchBudget || weightUsed > bestMoves || (weightUsed == bestMoves && extra >= bestExtra))
            {
                return;
            }

            var violated = broken == 0 ? null : ordered.First(c => residuals[c] != 0);
            if (violated is null)
            {
                best = [.. moved];
                bestMoves = weightUsed;
                bestExtra = extra;
                return;
            }

            if (weightUsed + 1 > bestMoves || moved.Count >= MaxMoves)
            {
                return;
            }

            var residual = residuals[violated];
            var candidates = new List<(object Key, int Delta)>();
            if (movable(violated.Total))
            {
                candidates.Add((violated.Total, residual > 0 ? -1 : 1));
            }

            foreach (var (node, weight) in violated.Items)
            {
                if (movable(node))
                {
                    candidates.Add((node, (residual > 0 ? 1 : -1) * (weight > 0 ? 1 : -1)));
                }
            }

            var ranked = candidates
                .Where(c => !movedKeys.Contains(c.Key))
                .Select(c => (c.Key, c.Delta, Broken: BrokenAfter(c.Key, c.Delta), Extra: Extra(c.Key, c.Delta)))
                .OrderBy(c => c.Broken)
                .ThenBy(c => c.Extra)
                .ToList();

            foreach (var c in ranked)
            {
                Apply(c.Key, c.Delta);
                moved.Add((c.Key, c.Delta));
                movedKeys.Add(c.Key);
                weightUsed += Weight(c.Key);
                Dfs(extra + c.Extra);
                weightUsed -= Weight(c.Key);
                movedKeys.Remove(c.Key);
                moved.RemoveAt(moved.Count - 1);
                Apply(c.Key, -c.Delta);
            }
        }

        Dfs(0m);
        return best;
    }

    /// <summary>Relations that share a figure must be solved together.</summary>
    private static List<List<FootingConstraint>> Groups(List<FootingConstraint> constraints)
    {
        var parent = Enumerable.Range(0, constraints.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<object, int>();
        for (var i = 0; i < constraints.Count; i++)
        {
            foreach (var key in constraints[i].Items.Select(x => x.Node).Append(constraints[i].Total))
            {
                if (owner.TryGetValue(key, out var j))
                {
                    parent[Find(i)] = Find(j);
                }
                else
                {
                    owner[key] = i;
                }
            }
        }

        return constraints.Select((c, i) => (c, root: Find(i))).GroupBy(x => x.root).Select(g => g.Select(x => x.c).ToList()).ToList();
    }

    private sealed class ConstraintComparer : IEqualityComparer<FootingConstraint>
    {
        public bool Equals(FootingConstraint? x, FootingConstraint? y) =>
            x is not null && y is not null && Equals(x.Total, y.Total) &&
            x.Items.Count == y.Items.Count && x.Items.OrderBy(i => i.Node.GetHashCode()).SequenceEqual(y.Items.OrderBy(i => i.Node.GetHashCode()));

        public int GetHashCode(FootingConstraint obj) => obj.Total.GetHashCode() ^ obj.Items.Count;
    }
}
