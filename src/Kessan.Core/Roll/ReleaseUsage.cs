using Kessan.Definitions;
using Kessan.Model;

namespace Kessan.Roll;

/// <summary>
/// Which figures (concept and period) a release uses: every figure its tables show or compare with at the release's
/// periods (values, bases of changes, denominators of percents, balances at the start of a quarter) and everything
/// those are computed from by its calculations and ratios. A fact outside this set plays no part in the release.
/// </summary>
public static class ReleaseUsage
{
    public static IReadOnlySet<(string Concept, Period Period)> Figures(ReleaseDefinition definition)
    {
        var used = new HashSet<(string, Period)>();
        var queue = new Queue<(string Concept, Period Period)>();
        void Use(string concept, Period period)
        {
            if (used.Add((concept, period)))
            {
                queue.Enqueue((concept, period));
            }
        }

        PeriodType TypeOf(string concept) => definition.Concepts.TryGetValue(concept, out var c) ? c.PeriodType : PeriodType.Duration;

        foreach (var table in definition.Tables)
        {
            foreach (var row in table.Rows.Where(r => !r.IsHeading))
            {
                foreach (var col in table.Columns)
                {
                    foreach (var role in new[] { col.Period, col.Base }.OfType<string>())
                    {
                        if (definition.Periods.GetValueOrDefault(role)?.At(TypeOf(row.Concept!), row.At) is { } period)
                        {
                            Use(row.Concept!, period);
                        }
                    }

                    if (col.Of is { } of && definition.Periods.GetValueOrDefault(col.Period)?.At(TypeOf(of)) is { } denominator)
                    {
                        Use(of, denominator);
                    }
                }
            }
        }

        while (queue.Count > 0)
        {
            var (concept, period) = queue.Dequeue();
            foreach (var calc in definition.Calculations.Where(c => c.Total == concept))
            {
                foreach (var item in calc.Items)
                {
                    Use(item.Concept, period);
                }
            }

            foreach (var ratio in definition.Ratios.Where(r => r.Concept == concept))
            {
                Use(ratio.Numerator, period);
                Use(ratio.Denominator, period);
            }
        }

        return used;
    }
}
