using System.Collections.Immutable;
using Kessan.Diagnostics;

namespace Kessan.Model;

/// <summary>
/// One reported value: a concept for a period, in the concept's base unit (yen, not thousands of yen), signed in the
/// concept's natural direction. <see cref="Decimals"/> says how precisely it is known, as in XBRL: -3 for a figure
/// known to the thousand, -6 to the million, null for an exact count.
/// </summary>
public sealed record Fact(string Concept, Period Period, decimal Value, int? Decimals = null, SourceLocation? Source = null)
{
    /// <summary>Half the last known unit: a figure known to the million stands for value ± 500,000.</summary>
    public decimal Tolerance => Decimals is { } d ? 0.5m * Pow10(-d) : 0m;

    internal static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10m;
        }

        return exponent >= 0 ? result : 1m / result;
    }
}

/// <summary>An immutable set of facts, at most one per concept and period.</summary>
public sealed class FactSet
{
    private readonly ImmutableDictionary<(string Concept, Period Period), Fact> facts;

    private FactSet(ImmutableDictionary<(string, Period), Fact> facts) => this.facts = facts;

    public static FactSet Empty { get; } = new(ImmutableDictionary<(string, Period), Fact>.Empty);

    public int Count => facts.Count;

    public IEnumerable<Fact> All => facts.Values;

    public Fact? Find(string concept, Period period) => facts.GetValueOrDefault((concept, period));

    public bool Contains(string concept, Period period) => facts.ContainsKey((concept, period));

    /// <summary>A new set with the fact added or replaced.</summary>
    public FactSet With(Fact fact) => new(facts.SetItem((fact.Concept, fact.Period), fact));

    public FactSet WithAll(IEnumerable<Fact> more) =>
        new(facts.SetItems(more.Select(f => new KeyValuePair<(string, Period), Fact>((f.Concept, f.Period), f))));

    public static FactSet Of(IEnumerable<Fact> facts) => Empty.WithAll(facts);
}
