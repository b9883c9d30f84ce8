using Kessan.Diagnostics;

namespace Kessan.Synth;

/// <summary>
/// A line of the statement of cash flows and where the parent books it: the balance-sheet concept and flow that
/// carry it, the section, and for a non-cash item the statement-of-operations concept on the other side (none:
/// against cash).
/// </summary>
public sealed record CashLine(string Line, string Concept, string Flow, string Section, string? Counter = null);

/// <summary>
/// What <c>kessan synth-ledger</c> books where, read from the definition's <c>synth-ledger.txt</c>: the concepts of
/// cash and of the balancing line, what the subsidiaries sell and spend, the intercompany pair, the affiliates'
/// expense, the foreign-exchange lines, the equity concepts, and the cash-flow lines with the balance-sheet concept and
/// flow each is booked on. No concept of any company is in code.
/// </summary>
public sealed record LedgerPlan(IReadOnlyDictionary<string, string> Concepts, IReadOnlyList<string> Equity, IReadOnlyList<CashLine> CashLines)
{
    /// <summary>The file name beside <c>group.txt</c>.</summary>
    public const string FileName = "synth-ledger.txt";

    /// <summary>The keys every plan gives, each with one concept (or account name), and what each is for.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cash"] = "the cash account every entry is booked against",
        ["plug"] = "the balance-sheet line that balances the dates the release does not show",
        ["subsidiary-revenue"] = "what the subsidiaries sell",
        ["subsidiary-cost"] = "what the subsidiaries spend",
        ["subsidiary-capital"] = "the subsidiaries' paid-in capital (and the parent's issuance line)",
        ["subsidiary-capital-account"] = "its account name in the subsidiaries' ledgers",
        ["intercompany-revenue"] = "what the parent sells to each subsidiary",
        ["intercompany-cost"] = "what the subsidiaries book it as",
        ["intercompany-cost-account"] = "its account name in the subsidiaries' ledgers (the parent's name is added)",
        ["parent-investment"] = "the parent's investment in the subsidiaries",
        ["affiliate-expense"] = "what the affiliates' net losses, and the net result of quarters the release does not show, are booked on",
        ["fx-loss"] = "the statement-of-operations line of foreign-exchange losses",
        ["fx-remainder"] = "the balance-sheet line the rest of the foreign-exchange loss is booked on",
        ["depreciation-line"] = "the cash-flow line of depreciation and amortization",
        ["fx-line"] = "the cash-flow line of foreign-exchange losses",
        ["cash-effect-line"] = "the cash-flow line of the effect of exchange rates on cash",
        ["other-operating-line"] = "the cash-flow line of other operating activities",
        ["issuance-line"] = "the cash-flow line of the issuance of stock",
    };

    public string this[string key] => Concepts[key];

    /// <summary>Reads a plan; null, with every problem at its line, when it lacks a key or has a line it cannot read.</summary>
    public static LedgerPlan? Read(string path, List<Diagnostic> diagnostics)
    {
        var read = TextInput.ReadAllText(path);
        diagnostics.AddRange(read.Diagnostics);
        if (read.Value is not { } text)
        {
            return null;
        }

        var problems = diagnostics.Count;
        var concepts = new Dictionary<string, string>(StringComparer.Ordinal);
        var equity = new List<string>();
        var lines = new List<CashLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var at = new SourceLocation(path, number);
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["equity", .. var list] when list.Length > 0:
                    equity.AddRange(list);
                    break;
                case ["cash-line", var cashLine, var concept, var flow, var section, .. var counter] when counter.Length <= 1:
                    lines.Add(new CashLine(cashLine, concept, flow == "-" ? "" : flow, section, counter.Length == 1 ? counter[0] : null));
                    break;
                case [var key, .. var value] when Keys.ContainsKey(key) && value.Length > 0:
                    if (!concepts.TryAdd(key, string.Join(' ', value)))
                    {
                        diagnostics.Add(Diagnostic.Error(SynthCodes.BadPlan, at, $"'{key}' is given twice"));
                    }

                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(SynthCodes.BadPlan, at, $"this line is not 'KEY CONCEPT' (the keys: {string.Join(", ", Keys.Keys)}), 'equity CONCEPT...' nor 'cash-line LINE CONCEPT FLOW SECTION [COUNTER]' (FLOW - for none)"));
                    break;
            }
        }

        foreach (var (key, what) in Keys.Where(k => !concepts.ContainsKey(k.Key)))
        {
            diagnostics.Add(Diagnostic.Error(SynthCodes.BadPlan, new SourceLocation(path, 0), $"'{key}' is missing: {what}"));
        }

        return diagnostics.Count > problems ? null : new LedgerPlan(concepts, equity, lines);
    }
}

/// <summary>Codes of the problems of the ledger synthesizer's plan.</summary>
public static class SynthCodes
{
    /// <summary>The definition has no synth-ledger.txt.</summary>
    public const string NoPlan = "synth.no-plan";

    /// <summary>A line of synth-ledger.txt cannot be read, or a key is missing or given twice.</summary>
    public const string BadPlan = "synth.bad-plan";
}
