using FsCheck;
using FsCheck.Fluent;
using Kessan.Build;

namespace Kessan.Tests.Build;

public class FootingRounderTests
{
    [Fact]
    public void The_seed_practice_parts_absorb_the_rounding()
    {
        // USD column of the seed: 27,707.09 + 6,402.09 + 8,235.57 + 4,335.60 = 46,680.35
        var nodes = new[] { N("dedicated", 27707.09m), N("dialup", 6402.09m), N("vas", 8235.57m), N("other", 4335.60m), N("total", 46680.35m) };
        var c = new FootingConstraint("total", [("dedicated", 1m), ("dialup", 1m), ("vas", 1m), ("other", 1m)]);
        var solution = FootingRounder.Solve(nodes, [c]);
        solution.Shown["vas"].ShouldBe(8235m);
        solution.Shown["total"].ShouldBe(46680m);
        solution.Adjustments.Count.ShouldBe(1);
    }

    [Fact]
    public void A_total_that_more_moves_than_allowed_would_make_foot_is_left_unfooted()
    {
        // Fifty parts of 0.5 round to 1 each (50) while their total, 25, rounds to 25: footing would move 25 parts,
        // more than FootingRounder.MaxMoves. The build reports each such total as warning rounding.cannot-foot.
        var parts = Enumerable.Range(0, 50).Select(i => N($"p{i}", 0.5m)).ToList();
        var constraint = new FootingConstraint("t", parts.Select(p => (p.Key, 1m)).ToList());
        var solution = FootingRounder.Solve([.. parts, N("t", 25m)], [constraint]);
        solution.Unfooted.ShouldBe([constraint]);
    }

    [Fact]
    public void A_total_never_moves_and_a_fixed_figure_never_moves()
    {
        var nodes = new[] { N("a", 1.4m), N("b", 1.4m), N("c", 2m), N("t", 4.8m) };
        var solution = FootingRounder.Solve(nodes, [new FootingConstraint("t", [("a", 1m), ("b", 1m), ("c", 1m)])]);
        solution.Shown["t"].ShouldBe(5m);
        solution.Shown["c"].ShouldBe(2m);
        (solution.Shown["a"] + solution.Shown["b"]).ShouldBe(3m);
    }

    [Fact]
    public void Random_two_level_tables_foot_after_rounding_with_every_figure_within_one_unit() =>
        Prop.ForAll(
                Gen.ArrayOf(Gen.Choose(-5_000_000, 5_000_000), 12).ToArbitrary(),
                raw =>
                {
                    var (nodes, constraints) = TwoLevelTable(raw.Select(v => v / 1000m));
                    var solution = FootingRounder.Solve(nodes, constraints);
                    var shown = solution.Shown;
                    return solution.Unfooted.Count == 0 &&
                           constraints.All(c => shown[c.Total] == c.Items.Sum(i => shown[i.Node])) &&
                           nodes.All(n => Math.Abs(shown[n.Key] - n.Exact) < 1m) &&
                           shown["t"] == FootingRounder.Plain(nodes[^1].Exact);
                })
            .QuickCheckThrowOnFailure();

    /// <summary>
    /// The search adds residuals in 64-bit integers when every figure is under 10^15 display units and in decimals
    /// otherwise: the same tables moved up by 10^16 units a part (the same problem, every rounding moved by a whole
    /// number) take the decimal path and must make the same moves.
    /// </summary>
    [Fact]
    public void Large_figures_are_rounded_with_the_same_moves_as_small_ones() =>
        Prop.ForAll(
                Gen.ArrayOf(Gen.Choose(0, 5_000_000), 12).ToArbitrary(),
                raw =>
                {
                    IReadOnlyList<(object Key, decimal Delta)> Moves(decimal shift)
                    {
                        var (nodes, constraints) = TwoLevelTable(raw.Select(v => (v / 1000m) + shift));
                        return [.. FootingRounder.Solve(nodes, constraints).Adjustments.Select(a => (a.Key, a.Shown - a.Plain))];
                    }

                    return Moves(0m).SequenceEqual(Moves(10_000_000_000_000_000m));
                })
            .QuickCheckThrowOnFailure();

    /// <summary>Two subtotals of six parts each and a grand total (the last node), from the parts' exact values.</summary>
    private static (List<FootingNode> Nodes, FootingConstraint[] Constraints) TwoLevelTable(IEnumerable<decimal> exact)
    {
        var parts = exact.Select((v, i) => N($"p{i}", v)).ToList();
        var s1 = N("s1", parts.Take(6).Sum(p => p.Exact));
        var s2 = N("s2", parts.Skip(6).Sum(p => p.Exact));
        var total = N("t", s1.Exact + s2.Exact);
        FootingConstraint[] constraints =
        [
            new("s1", parts.Take(6).Select(p => (p.Key, 1m)).ToList()),
            new("s2", parts.Skip(6).Select(p => (p.Key, 1m)).ToList()),
            new("t", [("s1", 1m), ("s2", 1m)]),
        ];
        return ([.. parts, s1, s2, total], constraints);
    }

    private static FootingNode N(string key, decimal exact) => new(key, exact);
}
