using System.Globalization;
using Kessan.Diagnostics;

namespace Kessan.Kpi;

/// <summary>
/// Makes a realistic contract register whose KPIs at the target dates are the targets exactly (bandwidth within
/// ±0.02 Gbps of the shown figure, so that it and any total of such figures round to what the release shows).
/// The same seed always gives the same register.
/// <para>
/// How: for each count line of the KPI file (<see cref="KpiDefinition"/>: a service, or a tier of one) a cohort is
/// simulated from date to date (contracts in force at the first date, then at each step some end and new ones start,
/// so that the count at each date is the target), plus contracts closed before the first date and some starting after
/// the last. Bandwidths are drawn from each line's usual speeds (its <c>synth:</c> settings), newer contracts faster;
/// then single contracts are moved to another usual speed of their own line until the bandwidth sums land on target.
/// </para>
/// </summary>
public static class RegisterSynthesizer
{
    /// <summary>How far an exact bandwidth sum may be from the figure shown to 0.1 Gbps: 0.02 Gbps, in kbps.</summary>
    public const long ToleranceKbps = 20_000;

    private const long G = 1_000_000;

    /// <summary>A line of the KPIs the register is made for: a count concept, its service and how its contracts are made up.</summary>
    private sealed record Line(string Concept, ServiceDefinition Service, int ServiceOrder, SynthesisSettings Settings)
    {
        /// <summary>Accounts without bandwidth are written in lots (one row for many accounts).</summary>
        public bool Aggregated => !Service.IsDedicated;
    }

    /// <summary>
    /// The lines of the KPI file in order (a service's tiers in their order), each with its synthesis settings; null
    /// with a diagnostic for the first service or tier that has none.
    /// </summary>
    private static List<Line>? Lines(KpiDefinition kpis, List<Diagnostic> diagnostics)
    {
        var lines = new List<Line>();
        for (var i = 0; i < kpis.Services.Count; i++)
        {
            var service = kpis.Services[i];
            var counted = service.Tiers is { } tiers
                ? tiers.Tiers.Select(t => (t.Concept, Settings: service.TierSynthesis.GetValueOrDefault(t.Id), What: $"tier {t.Id} of service {service.Code}", t.Source))
                : [(service.CountConcept!, service.Synthesis, $"service {service.Code}", service.Source)];
            foreach (var (concept, settings, what, source) in counted)
            {
                if (settings is null)
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.KpisBadSynth, source, $"{what} has no 'synth:' settings, so no register can be made up for it (docs/kpi.md)"));
                    return null;
                }

                lines.Add(new Line(concept, service, i, settings));
            }
        }

        return lines;
    }

    private sealed class Lot
    {
        public required Line Line { get; init; }

        public required string Customer { get; init; }

        public required DateOnly Start { get; init; }

        public DateOnly? End { get; set; }

        public int Count { get; set; } = 1;

        public long Kbps { get; set; }

        public string Id { get; set; } = "";
    }

    /// <summary>
    /// Generates a register for the targets. Accounts (a service without bandwidth) come in lots (one row for many accounts with the same
    /// partner and dates, <see cref="Contract.Count"/>); dedicated contracts one per row. The result is in start-date order.
    /// Fails with a diagnostic only when the targets cannot be reached (for example a bandwidth too small for its
    /// contracts).
    /// </summary>
    public static Result<IReadOnlyList<Contract>> Generate(int seed, RegisterTargets targets, KpiDefinition kpis)
    {
        var problems = new List<Diagnostic>();
        if (Lines(kpis, problems) is not { } lines)
        {
            return new(null, problems);
        }

        if (kpis.Customers is not { } names)
        {
            return new(null, [Diagnostic.Error(RegisterCodes.KpisBadSynth, null, "the KPI file has no 'synth:' with the customers' names (customers, places, trades, forms), so no register can be made up")]);
        }

        // System.Random with a seed gives the same sequence on every platform and .NET version so far.
        var rng = new Random(seed);
        var dates = targets.Dates.Order().ToArray();
        var customers = CustomerNames(rng, names);
        var lots = new List<Lot>();
        foreach (var line in lines)
        {
            if (!targets.Counts.TryGetValue(line.Concept, out var counts) || counts.Length != dates.Length)
            {
                return Fail($"the targets give no count of {line.Concept} for each of the {dates.Length} dates");
            }

            Simulate(rng, line, counts, dates, customers, lots);
        }

        var diagnostics = new List<Diagnostic>();
        foreach (var (concept, gbps) in targets.BandwidthGbps)
        {
            var target = gbps.Select(g => (long)(g * G)).ToArray();
            if (!FitBandwidth(lots.Where(l => l.Line.Service.BandwidthConcept == concept).ToList(), dates, target))
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.SynthBandwidth, null, $"no register was found whose {concept} is {string.Join(", ", gbps)} Gbps"));
            }
        }

        var ordered = lots
            .OrderBy(l => l.Start)
            .ThenBy(l => l.Line.ServiceOrder)
            .ThenBy(l => l.Customer, StringComparer.Ordinal)
            .ThenBy(l => l.End ?? DateOnly.MaxValue)
            .ThenBy(l => l.Kbps)
            .ThenBy(l => l.Count)
            .ToList();
        int dedicated = 0, dialup = 0;
        var contracts = new List<Contract>(ordered.Count);
        foreach (var l in ordered)
        {
            l.Id = l.Line.Aggregated
                ? "D" + (++dialup).ToString("000000", CultureInfo.InvariantCulture)
                : "C" + (++dedicated).ToString("000000", CultureInfo.InvariantCulture);
            contracts.Add(new Contract(l.Id, l.Customer, l.Line.Service.Code, l.Kbps > 0 ? Bandwidth.FromKbps(l.Kbps) : null, l.Start, l.End, l.Count));
        }

        return new(contracts, diagnostics);

        static Result<IReadOnlyList<Contract>> Fail(string message) => new(null, [Diagnostic.Error(RegisterCodes.SynthTargets, null, message)]);
    }

    /// <summary>
    /// Writes a register as CSV with the columns contract_id, customer, service, bandwidth, start, end, count.
    /// With <paramref name="oneRowPerAccount"/>, a row of many accounts is written as one row per account
    /// (ids <c>D000123-0001</c>, ...) and the count column is left out. Lines end in LF. Returns the rows written.
    /// </summary>
    public static long Write(IEnumerable<Contract> contracts, TextWriter writer, bool oneRowPerAccount = false)
    {
        long rows = 0;
        writer.Write(oneRowPerAccount ? "contract_id,customer,service,bandwidth,start,end\n" : "contract_id,customer,service,bandwidth,start,end,count\n");
        var customerField = new StringWriter();
        foreach (var c in contracts)
        {
            customerField.GetStringBuilder().Clear();
            CsvRecords.WriteField(customerField, c.Customer);
            var rest = string.Create(CultureInfo.InvariantCulture,
                $"{customerField},{c.Service},{c.Bandwidth?.ToString() ?? ""},{c.Start:yyyy-MM-dd},{(c.End is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}");
            if (!oneRowPerAccount)
            {
                writer.Write(c.Id);
                writer.Write(',');
                writer.Write(rest);
                writer.Write(',');
                writer.Write(c.Count.ToString(CultureInfo.InvariantCulture));
                writer.Write('\n');
                rows++;
                continue;
            }

            if (c.Count == 1)
            {
                writer.Write(c.Id);
                writer.Write(',');
                writer.Write(rest);
                writer.Write('\n');
                rows++;
                continue;
            }

            for (var i = 1; i <= c.Count; i++)
            {
                writer.Write(c.Id);
                writer.Write('-');
                writer.Write(i.ToString("0000", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(rest);
                writer.Write('\n');
                rows++;
            }
        }

        return rows;
    }

    private static void Simulate(Random rng, Line line, long[] counts, DateOnly[] dates, string[] customers, List<Lot> lots)
    {
        var alive = new List<Lot>();

        // Contracts closed before the first date: history that must not be counted.
        var closed = Add(rng, line, counts[0] / 10, line.Settings.Since, dates[0].AddDays(-30), customers, early: true);
        foreach (var lot in closed)
        {
            lot.End = RandomDate(rng, lot.Start.AddDays(1), dates[0]);
        }

        lots.AddRange(closed);

        // In force at the first date.
        var initial = Add(rng, line, counts[0], line.Settings.Since, dates[0], customers, early: true);
        alive.AddRange(initial);
        lots.AddRange(initial);

        for (var k = 0; k + 1 < dates.Length; k++)
        {
            var quarters = (dates[k + 1].DayNumber - dates[k].DayNumber) / 91.3;
            var stay = Math.Min(counts[k], counts[k + 1]);
            var churn = (long)Math.Round(stay * line.Settings.ChurnPerQuarter * quarters);
            var survivors = Math.Max(0, stay - churn);
            var from = dates[k].AddDays(1);
            var to = dates[k + 1];
            End(rng, alive, counts[k] - survivors, from, to, lots);
            var added = Add(rng, line, counts[k + 1] - survivors, from, to, customers, early: false);
            alive.AddRange(added);
            lots.AddRange(added);
        }

        // Cancellations already notified, effective after the last date; contracts starting after it.
        var last = dates[^1];
        End(rng, alive, counts[^1] / 50, last.AddDays(1), last.AddDays(61), lots);
        lots.AddRange(Add(rng, line, Math.Max(1, counts[^1] / 100), last.AddDays(1), last.AddDays(45), customers, early: false));
    }

    /// <summary>New lots totalling <paramref name="units"/> contracts or accounts starting between two dates.</summary>
    private static List<Lot> Add(Random rng, Line line, long units, DateOnly from, DateOnly to, string[] customers, bool early)
    {
        var result = new List<Lot>();
        if (units <= 0)
        {
            return result;
        }

        if (!line.Aggregated)
        {
            var weights = early ? line.Settings.EarlyWeights : line.Settings.LateWeights;
            for (var i = 0; i < units; i++)
            {
                var start = RandomDate(rng, from, to);
                result.Add(new Lot
                {
                    Line = line,
                    Customer = customers[rng.Next(customers.Length)],
                    Start = start,
                    Kbps = line.Settings.SpeedsKbps[Pick(rng, weights)],
                });
            }

            return result;
        }

        // Accounts: one lot per partner and month, sizes at random. The named partners are big; the small ones (some
        // customers with a suffix) take a lot in a month only now and then.
        var named = line.Settings.Partners;
        var partners = named.Select(p => p.Name).Concat(customers.Take(line.Settings.SmallPartners).Select(c => c + line.Settings.SmallPartnerSuffix)).ToArray();
        var cells = new List<(string Customer, DateOnly From, DateOnly To, double Weight)>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var a = month < from ? from : month;
            var b = month.AddMonths(1).AddDays(-1) > to ? to : month.AddMonths(1).AddDays(-1);
            for (var p = 0; p < partners.Length; p++)
            {
                var big = p < named.Count;
                if (!big && rng.NextDouble() < 0.8)
                {
                    continue;
                }

                cells.Add((partners[p], a, b, (big ? 20.0 : 0.3) * (0.5 + rng.NextDouble()) * (big ? named[p].Weight : 1)));
            }
        }

        var sizes = Apportion(rng, units, cells.Select(c => c.Weight).ToArray(), cells.Select(_ => long.MaxValue).ToArray());
        for (var i = 0; i < cells.Count; i++)
        {
            for (var left = sizes[i]; left > 0;)
            {
                // A partner's month comes in a few lots with their own start dates.
                var n = (int)Math.Min(left, 1 + rng.Next(400, 2_500));
                result.Add(new Lot { Line = line, Customer = cells[i].Customer, Start = RandomDate(rng, cells[i].From, cells[i].To), Count = n });
                left -= n;
            }
        }

        return result;
    }

    /// <summary>Ends <paramref name="units"/> of the alive contracts or accounts at random dates between two dates.</summary>
    private static void End(Random rng, List<Lot> alive, long units, DateOnly from, DateOnly to, List<Lot> lots)
    {
        if (units <= 0 || alive.Count == 0)
        {
            return;
        }

        var take = Apportion(rng, units, alive.Select(l => (double)l.Count).ToArray(), alive.Select(l => (long)l.Count).ToArray());
        var stillAlive = new List<Lot>(alive.Count);
        for (var i = 0; i < alive.Count; i++)
        {
            var lot = alive[i];
            var n = (int)take[i];
            if (n == 0)
            {
                stillAlive.Add(lot);
                continue;
            }

            var end = RandomDate(rng, from, to);
            if (n == lot.Count)
            {
                lot.End = end;
                continue;
            }

            lot.Count -= n;
            stillAlive.Add(lot);
            lots.Add(new Lot { Line = lot.Line, Customer = lot.Customer, Start = lot.Start, End = end, Count = n, Kbps = lot.Kbps });
        }

        alive.Clear();
        alive.AddRange(stillAlive);
    }

    /// <summary>Splits <paramref name="units"/> in proportion to weights, never more than a cell's capacity.</summary>
    private static long[] Apportion(Random rng, long units, double[] weights, long[] capacity)
    {
        var result = new long[weights.Length];
        var total = weights.Sum();
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            result[i] = Math.Min(capacity[i], (long)Math.Floor(units * weights[i] / total));
            given += result[i];
        }

        var room = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            room += Math.Min(capacity[i] - result[i], units);
            if (room >= units)
            {
                break;
            }
        }

        if (units - given > room)
        {
            throw new InvalidOperationException("More units to place than room for them.");
        }

        while (given < units)
        {
            var i = rng.Next(weights.Length);
            if (result[i] < capacity[i])
            {
                result[i]++;
                given++;
            }
        }

        return result;
    }

    /// <summary>
    /// Moves single contracts to another usual speed of their own line (so the counts by tier stay) until the
    /// bandwidth in force at every date is within <see cref="ToleranceKbps"/> of its target. Dates are fitted in order,
    /// each with the contracts that started since the date before (changing them leaves earlier dates alone).
    /// </summary>
    private static bool FitBandwidth(List<Lot> lots, DateOnly[] dates, long[] target)
    {
        for (var k = 0; k < dates.Length; k++)
        {
            var date = dates[k];
            var residual = target[k];
            var cohort = new List<Lot>();
            foreach (var lot in lots)
            {
                if (lot.Start <= date && (lot.End is not { } e || e > date))
                {
                    residual -= lot.Kbps * lot.Count;
                    if (lot.Count == 1 && (k == 0 || lot.Start > dates[k - 1]))
                    {
                        cohort.Add(lot);
                    }
                }
            }

            while (Math.Abs(residual) > ToleranceKbps)
            {
                var best = Math.Abs(residual);
                (Lot? Lot, long Kbps) move = (null, 0);
                foreach (var lot in cohort)
                {
                    foreach (var v in lot.Line.Settings.SpeedsKbps)
                    {
                        var score = Math.Abs(residual - (v - lot.Kbps));
                        if (score < best)
                        {
                            best = score;
                            move = (lot, v);
                        }
                    }
                }

                if (move.Lot is null)
                {
                    return false;
                }

                residual -= move.Kbps - move.Lot.Kbps;
                move.Lot.Kbps = move.Kbps;
            }
        }

        return true;
    }

    private static DateOnly RandomDate(Random rng, DateOnly from, DateOnly to) =>
        to <= from ? from : DateOnly.FromDayNumber(from.DayNumber + rng.Next(to.DayNumber - from.DayNumber + 1));

    private static int Pick(Random rng, IReadOnlyList<double> weights)
    {
        var x = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static string[] CustomerNames(Random rng, SyntheticCustomers parts)
    {
        var (count, places, trades, forms) = (parts.Count, parts.Places, parts.Trades, parts.Forms);
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var name = $"{places[rng.Next(places.Count)]} {trades[rng.Next(trades.Count)]} {forms[rng.Next(forms.Count)]}";
            if (seen.Count < places.Count * trades.Count * 3 ? seen.Add(name) : true)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }
}
