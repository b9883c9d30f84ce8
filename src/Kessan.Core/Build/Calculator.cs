using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>
/// Derives every total and ratio from base facts, and checks the base facts against each other: a total that is also
/// given must equal the sum of its items within the precision of the figures, and a balance must roll forward.
/// A derived figure is known only as precisely as its least precise item (its <see cref="Fact.Decimals"/>).
/// </summary>
public static class Calculator
{
    public static Result<FactSet> Derive(ReleaseDefinition definition, FactSet facts)
    {
        var diagnostics = new List<Diagnostic>();
        var periods = facts.All.Select(f => f.Period).Distinct().OrderBy(p => p).ToList();
        var known = facts;
        var checkedGiven = new HashSet<(Calculation, Period)>();
        bool progress;
        do
        {
            progress = false;
            foreach (var calc in definition.Calculations)
            {
                foreach (var period in periods)
                {
                    var items = calc.Items.Select(i => (i.Weight, Fact: known.Find(i.Concept, period))).ToList();
                    if (items.Any(i => i.Fact is null))
                    {
                        continue;
                    }

                    var sum = items.Sum(i => i.Weight * i.Fact!.Value);
                    int? decimals = items.Select(i => i.Fact!.Decimals).Aggregate((int?)null, MinDecimals);
                    var given = known.Find(calc.Total, period);
                    if (given is null)
                    {
                        known = known.With(new Fact(calc.Total, period, sum, decimals));
                        progress = true;
                    }
                    else if (checkedGiven.Add((calc, period)))
                    {
                        var tolerance = given.Tolerance + items.Sum(i => Math.Abs(i.Weight) * i.Fact!.Tolerance);
                        if (Math.Abs(given.Value - sum) > tolerance)
                        {
                            diagnostics.Add(Diagnostic.Error(CalculationCodes.Disagrees, given.Source ?? calc.Source, $"the facts disagree: '{calc.Total}' for {Describe(period, definition)} is given as {given.Value:#,0.###} but its items add up to {sum:#,0.###} (see {calc.Source})"));
                        }
                    }
                }
            }

            foreach (var ratio in definition.Ratios)
            {
                foreach (var period in periods)
                {
                    if (known.Contains(ratio.Concept, period) || known.Find(ratio.Numerator, period) is not { } n || known.Find(ratio.Denominator, period) is not { } d || d.Value == 0)
                    {
                        continue;
                    }

                    known = known.With(new Fact(ratio.Concept, period, n.Value / d.Value * ratio.Multiplier));
                    progress = true;
                }
            }
        }
        while (progress);

        foreach (var roll in definition.RollForwards)
        {
            foreach (var change in known.All.Where(f => f.Concept == roll.Change && !f.Period.IsInstant).ToList())
            {
                var start = known.Find(roll.Balance, Period.Instant(change.Period.Start!.Value.AddDays(-1)));
                var end = known.Find(roll.Balance, Period.Instant(change.Period.End));
                if (start is null || end is null)
                {
                    continue;
                }

                var tolerance = start.Tolerance + end.Tolerance + change.Tolerance;
                if (Math.Abs(end.Value - start.Value - change.Value) > tolerance)
                {
                    diagnostics.Add(Diagnostic.Error(CalculationCodes.NoRollForward, end.Source ?? roll.Source, $"'{roll.Balance}' does not roll forward over {Describe(change.Period, definition)}: {start.Value:#,0} at the start + {change.Value:#,0} change = {start.Value + change.Value:#,0}, but the end balance is {end.Value:#,0}"));
                }
            }
        }

        return new Result<FactSet>(known, diagnostics);
    }

    internal static int? MinDecimals(int? a, int? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => Math.Min(a.Value, b.Value),
    };

    /// <summary>"1Q03" for a fiscal quarter, the ISO dates otherwise.</summary>
    public static string Describe(Period period, ReleaseDefinition definition)
    {
        if (!period.IsInstant)
        {
            var q = definition.Calendar.QuarterOf(period.Start!.Value);
            if (q.Period == period)
            {
                return q.Label;
            }
        }

        return period.ToString();
    }
}
