using Kessan.Definitions;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>
/// Says which facts to enter when a figure a table needs is not known. A total (or ratio) that could not be computed
/// is reported as the missing facts it is computed from, down to the leaves, so that the list names only what the
/// user can enter and not every total above a missing line. A total that the release's files give as a fact for some
/// other period (revenues of dedicated access in thousands, while its parts are given in millions) is entered, not
/// computed: it is named itself, so the figure keeps the precision the release shows it in.
/// A pure function of the definition and the facts.
/// </summary>
public static class MissingFacts
{
    /// <summary>
    /// The concepts that must be given for <paramref name="period"/> so that <paramref name="concept"/> is known: empty
    /// if it is known; itself if it is a leaf (no calculation or ratio makes it) or is given as a fact (read from a
    /// file) for another period. Of several calculations that make a total (total assets = its items = total
    /// liabilities and equity), the one needing the fewest facts is named.
    /// </summary>
    public static IReadOnlyList<string> LeavesOf(ReleaseDefinition definition, FactSet facts, string concept, Period period)
    {
        if (facts.Contains(concept, period))
        {
            return [];
        }

        var given = facts.All.Where(f => f.Source is not null).Select(f => f.Concept).ToHashSet(StringComparer.Ordinal);
        return Leaves(definition, facts, given, concept, period, new HashSet<string>(StringComparer.Ordinal)) is { Count: > 0 } leaves
            ? leaves
            : [concept];
    }

    /// <summary>Null when the concept cannot be made from what is reachable without going round in a circle.</summary>
    private static List<string>? Leaves(ReleaseDefinition definition, FactSet facts, HashSet<string> given, string concept, Period period, HashSet<string> visiting)
    {
        if (facts.Contains(concept, period))
        {
            return [];
        }

        if (given.Contains(concept))
        {
            return [concept];
        }

        if (!visiting.Add(concept))
        {
            return null;
        }

        var made = false;
        List<string>? best = null;
        void Consider(IEnumerable<string> inputs)
        {
            made = true;
            var option = new List<string>();
            foreach (var input in inputs)
            {
                if (Leaves(definition, facts, given, input, period, visiting) is not { } leaves)
                {
                    return;
                }

                option.AddRange(leaves.Where(l => !option.Contains(l, StringComparer.Ordinal)));
            }

            // An option with nothing missing would already have been computed (a zero denominator, for example), so
            // entering facts cannot help through it.
            if (option.Count > 0 && (best is null || option.Count < best.Count))
            {
                best = option;
            }
        }

        foreach (var calc in definition.Calculations.Where(c => c.Total == concept))
        {
            Consider(calc.Items.Select(i => i.Concept));
        }

        foreach (var ratio in definition.Ratios.Where(r => r.Concept == concept))
        {
            Consider([ratio.Numerator, ratio.Denominator]);
        }

        visiting.Remove(concept);
        return made ? best ?? [concept] : [concept];
    }
}
