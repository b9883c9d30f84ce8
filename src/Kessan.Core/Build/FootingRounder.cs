using System.Numerics;
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
        // Figures and relations by number: the search below visits them up to SearchBudget times, so it works on
        // arrays, not on dictionaries keyed by figure.
        var ids = new Dictionary<object, int>();
        var keys = new List<object>();
        int Id(object key)
        {
            if (!ids.TryGetValue(key, out var id))
            {
                ids[key] = id = keys.Count;
                keys.Add(key);
            }

            return id;
        }

        var count = group.Count;
        var totals = new int[count];
        var parts = new (int Node, int Sign)[count][];
        for (var c = 0; c < count; c++)
        {
            totals[c] = Id(group[c].Total);
            parts[c] = [.. group[c].Items.Select(i => (Id(i.Node), i.Weight > 0 ? 1 : -1))];
        }

        var figures = keys.Count;
        var exact = new decimal[figures];
        var plainShown = new decimal[figures];
        var canMove = new bool[figures];
        var weight = new int[figures];
        for (var f = 0; f < figures; f++)
        {
            exact[f] = nodes[keys[f]].Exact;
            plainShown[f] = plain[keys[f]];
            canMove[f] = movable(keys[f]);
            weight[f] = 1;
        }

        foreach (var total in totals)
        {
            weight[total] = 2; // a subtotal moves only where its parts cannot absorb the rounding
        }

        // A figure's coefficient is +1 in a relation it totals, −weight where it is a part.
        var coefficients = new List<(int Relation, decimal Coefficient)>[figures];
        for (var c = 0; c < count; c++)
        {
            foreach (var f in parts[c].Select(p => p.Node).Append(totals[c]).Distinct())
            {
                var coefficient = (totals[c] == f ? 1m : 0m) - group[c].Items.Where(i => ids[i.Node] == f).Sum(i => i.Weight);
                (coefficients[f] ??= []).Add((c, coefficient));
            }
        }

        for (var f = 0; f < figures; f++)
        {
            coefficients[f] ??= [];
        }

        // Grand totals first, then the relations below them, so that parts absorb the rounding.
        var depth = new int?[count];
        int Depth(int c, int guard)
        {
            if (depth[c] is { } d)
            {
                return d;
            }

            var parents = Enumerable.Range(0, count).Where(p => p != c && parts[p].Any(i => i.Node == totals[c])).ToList();
            d = guard > 50 || parents.Count == 0 ? 0 : 1 + parents.Max(p => Depth(p, guard + 1));
            depth[c] = d;
            return d;
        }

        var ordered = Enumerable.Range(0, count).OrderBy(c => Depth(c, 0)).ToArray();

        // Residuals in whole display units (plain roundings, weights of ±1): the search adds and compares them on every
        // step, in 64-bit integers when every figure is under 10^15 units (no sum of up to a thousand of them can
        // overflow), exactly as in decimals otherwise.
        var residuals = new decimal[count];
        for (var c = 0; c < count; c++)
        {
            residuals[c] = plainShown[totals[c]] - parts[c].Sum(p => p.Sign * plainShown[p.Node]);
        }

        var search = new Space(keys, totals, parts, exact, plainShown, canMove, weight, ordered);
        return plainShown.All(v => Math.Abs(v) < 1e15m) && parts.All(p => p.Length < 1000)
            ? Run(search, residuals.Select(r => (long)r).ToArray(), [.. coefficients.Select(list => list.Select(x => (x.Relation, (long)x.Coefficient)).ToList())])
            : Run(search, residuals, coefficients);
    }

    /// <summary>The figures and relations of one group, by number, as the search reads them.</summary>
    private sealed record Space(
        List<object> Keys, int[] Totals, (int Node, int Sign)[][] Parts, decimal[] Exact, decimal[] PlainShown, bool[] CanMove, int[] Weight, int[] Ordered);

    /// <summary>The search over one group, its residuals in <typeparamref name="T"/> (integers, or decimals when too large).</summary>
    private static List<(object Key, int Delta)>? Run<T>(Space space, T[] residuals, List<(int Relation, T Coefficient)>[] coefficients)
        where T : struct, INumber<T>
    {
        var (keys, totals, parts, exact, plainShown, canMove, weight, ordered) = space;
        var isMoved = new bool[keys.Count];
        var broken = 0;
        foreach (var r in residuals)
        {
            broken += r != T.Zero ? 1 : 0;
        }

        var moved = new List<(int Figure, int Delta)>();
        List<(object Key, int Delta)>? best = null;
        var bestMoves = int.MaxValue;
        var bestExtra = decimal.MaxValue;
        var steps = 0;
        var weightUsed = 0;

        // How much farther from exact a figure ends up moved one unit up or down: two numbers per figure, worked out once.
        var extraUp = new decimal[keys.Count];
        var extraDown = new decimal[keys.Count];
        for (var f = 0; f < keys.Count; f++)
        {
            extraUp[f] = Math.Abs(plainShown[f] + 1 - exact[f]) - Math.Abs(plainShown[f] - exact[f]);
            extraDown[f] = Math.Abs(plainShown[f] - 1 - exact[f]) - Math.Abs(plainShown[f] - exact[f]);
        }

        decimal Extra(int f, int delta) => delta > 0 ? extraUp[f] : extraDown[f];

        // A move is one unit up or down (delta ±1): the coefficient or its negation, the same value and scale as their
        // product, without a decimal multiplication on every step of the search.
        void Apply(int f, int delta)
        {
            foreach (var (c, coefficient) in coefficients[f])
            {
                var before = residuals[c];
                var after = before + (delta > 0 ? coefficient : -coefficient);
                residuals[c] = after;
                broken += (after != T.Zero ? 1 : 0) - (before != T.Zero ? 1 : 0);
            }
        }

        int BrokenAfter(int f, int delta)
        {
            var result = broken;
            foreach (var (c, coefficient) in coefficients[f])
            {
                var before = residuals[c];
                result += (before + (delta > 0 ? coefficient : -coefficient) != T.Zero ? 1 : 0) - (before != T.Zero ? 1 : 0);
            }

            return result;
        }

        void Dfs(decimal extra)
        {
            if (++steps > SearchBudget || weightUsed > bestMoves || (weightUsed == bestMoves && extra >= bestExtra))
            {
                return;
            }

            if (broken == 0)
            {
                best = [.. moved.Select(m => (keys[m.Figure], m.Delta))];
                bestMoves = weightUsed;
                bestExtra = extra;
                return;
            }

            var violated = Array.Find(ordered, c => residuals[c] != T.Zero);
            if (weightUsed + 1 > bestMoves || moved.Count >= MaxMoves)
            {
                return;
            }

            var residual = residuals[violated];
            var ranked = new List<(int Figure, int Delta, int Broken, decimal Extra)>();
            void Consider(int f, int delta)
            {
                if (canMove[f] && !isMoved[f])
                {
                    // Fewest relations left broken first, then the least farther from exact; ties keep their order.
                    var candidate = (f, delta, BrokenAfter(f, delta), Extra(f, delta));
                    var at = ranked.Count;
                    while (at > 0 && (ranked[at - 1].Broken > candidate.Item3 || (ranked[at - 1].Broken == candidate.Item3 && ranked[at - 1].Extra > candidate.Item4)))
                    {
                        at--;
                    }

                    ranked.Insert(at, candidate);
                }
            }

            Consider(totals[violated], residual > T.Zero ? -1 : 1);
            foreach (var (node, sign) in parts[violated])
            {
                Consider(node, (residual > T.Zero ? 1 : -1) * sign);
            }

            foreach (var (f, delta, _, moveExtra) in ranked)
            {
                Apply(f, delta);
                moved.Add((f, delta));
                isMoved[f] = true;
                weightUsed += weight[f];
                Dfs(extra + moveExtra);
                weightUsed -= weight[f];
                isMoved[f] = false;
                moved.RemoveAt(moved.Count - 1);
                Apply(f, -delta);
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
