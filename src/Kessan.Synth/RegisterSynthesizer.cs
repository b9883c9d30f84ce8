using System.Globalization;
using Kessan.Diagnostics;

namespace Kessan.Kpi;

/// <summary>
/// Makes a realistic contract register whose KPIs at the target dates are the targets exactly (bandwidth within
/// ±0.02 Gbps of the shown figure, so that it and any total of such figures round to what the release shows).
/// The same seed always gives the same register.
/// <para>
/// How: for each line of Table 3 a cohort is simulated from date to date (contracts in force at the first date,
/// then at each step some end and new ones start, so that the count at each date is the target), plus contracts
/// closed before the first date and some starting after the last. Bandwidths are drawn from each line's usual speeds,
/// newer contracts faster; then single contracts are moved to another usual speed of their own line until the
/// bandwidth sums land on Table 4.
/// </para>
/// </summary>
public static class RegisterSynthesizer
{
    /// <summary>How far an exact bandwidth sum may be from the figure shown to 0.1 Gbps: 0.02 Gbps, in kbps.</summary>
    public const long ToleranceKbps = 20_000;

    private const long M = 1_000, G = 1_000_000;

    private sealed record Line(
        string Concept,
        Service Service,
        long[] ValuesKbps,
        double[] EarlyWeights,
        double[] LateWeights,
        DateOnly EarliestStart,
        double ChurnPerQuarter,
        bool Aggregated);

    private static readonly Line[] Lines =
    [
        new(KpiConcepts.Ip64kTo128k, Service.DedicatedIp, [64, 128], [3, 4], [1, 3], new(1994, 4, 1), 0.03, false),
        new(KpiConcepts.Ip192kTo768k, Service.DedicatedIp, [192, 256, 384, 512, 768], [2, 4, 2, 3, 1], [1, 2, 2, 3, 2], new(1995, 4, 1), 0.03, false),
        new(KpiConcepts.Ip1mTo2m, Service.DedicatedIp, [1 * M, 1_500, 2 * M], [2, 6, 2], [1, 5, 3], new(1995, 4, 1), 0.03, false),
        new(KpiConcepts.Ip3mTo1200m, Service.DedicatedIp,
            [3 * M, 4_500, 6 * M, 10 * M, 20 * M, 30 * M, 45 * M, 50 * M, 100 * M, 135 * M, 150 * M, 200 * M, 300 * M, 600 * M, 1 * G, 1_200 * M],
            [6, 5, 6, 10, 5, 4, 3, 2, 3, 0.5, 0.5, 0.3, 0.2, 0.1, 0.1, 0.02],
            [1, 1, 1, 3, 2, 2, 2, 2, 4, 1, 1, 1, 0.5, 0.4, 0.4, 0.15],
            new(1996, 4, 1), 0.03, false),
        new(KpiConcepts.DcConnectivityContracts, Service.DcConnectivity,
            [10 * M, 20 * M, 30 * M, 50 * M, 100 * M, 200 * M, 300 * M, 500 * M, 1 * G],
            [10, 4, 2, 1, 0.8, 0.1, 0.05, 0.02, 0.01],
            [2, 1, 1, 2, 4, 2, 1, 1, 1],
            new(2000, 1, 11), 0.03, false),
        new(KpiConcepts.OtherDedicatedContracts, Service.OtherDedicated,
            [128, 512, 1_500, 8 * M, 10 * M, 12 * M, 26 * M, 47 * M, 100 * M],
            [5, 7, 10, 1, 1.5, 0.3, 0.1, 0.05, 0.02],
            [1, 1, 4, 2, 3, 1, 0.3, 0.15, 0.1],
            new(1997, 4, 1), 0.03, false),
        new(KpiConcepts.Ij4uDialupAccounts, Service.Ij4uDialup, [], [], [], new(1996, 10, 1), 0.06, true),
        new(KpiConcepts.OtherDialupAccounts, Service.OtherDialup, [], [], [], new(1998, 4, 1), 0.05, true),
    ];

    private static readonly string[] OemPartners =
    [
        "NTT East Corporation (L-mode OEM)", "NTT West Corporation (L-mode OEM)", "Hoshizora Net Co., Ltd. (OEM)",
        "Kansai Cable Network Inc. (OEM)", "Tohoku Info Service K.K. (OEM)", "Minato Mobile Co., Ltd. (OEM)",
    ];

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
    /// Generates a register for the targets. Dial-up accounts come in lots (one row for many accounts with the same
    /// partner and dates, <see cref="Contract.Count"/>); dedicated contracts one per row. The result is in start-date order.
    /// Fails with a diagnostic only when the targets cannot be reached (for example a bandwidth too small for its
    /// contracts).
    /// </summary>
    public static Result<IReadOnlyList<Contract>> Generate(int seed, RegisterTargets targets)
    {
        // System.Random with a seed gives the same sequence on every platform and .NET version so far.
        var rng = new Random(seed);
        var dates = targets.Dates.Order().ToArray();
        var customers = CustomerNames(rng, 4_000);
        var lots = new List<Lot>();
        foreach (var line in Lines)
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
            var services = concept == KpiConcepts.DcConnectivityBandwidth
                ? new[] { Service.DcConnectivity }
                : [Service.DedicatedIp, Service.OtherDedicated];
            var target = gbps.Select(g => (long)(g * G)).ToArray();
            if (!FitBandwidth(lots.Where(l => services.Contains(l.Line.Service)).ToList(), dates, target))
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.SynthBandwidth, null, $"no register was found whose {concept} is {string.Join(", ", gbps)} Gbps"));
            }
        }

        var ordered = lots
            .OrderBy(l => l.Start)
            .ThenBy(l => l.Line.Service)
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
            contracts.Add(new Contract(l.Id, l.Customer, l.Line.Service, l.Kbps > 0 ? Bandwidth.FromKbps(l.Kbps) : null, l.Start, l.End, l.Count));
        }

        return new(contracts, diagnostics);

        static Result<IReadOnlyList<Contract>> Fail(string message) => new(null, [Diagnostic.Error(RegisterCodes.SynthTargets, null, message)]);
    }

    /// <summary>
    /// Writes a register as CSV with the columns contract_id, customer, service, bandwidth, start, end, count.
    /// With <paramref name="oneRowPerAccount"/>, a row of many dial-up accounts is written as one row per account
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
                $"{customerField},{c.Service.Code()},{c.Bandwidth?.ToString() ?? ""},{c.Start:yyyy-MM-dd},{(c.End is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}");
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
        var closed = Add(rng, line, counts[0] / 10, line.EarliestStart, dates[0].AddDays(-30), customers, early: true);
        foreach (var lot in closed)
        {
            lot.End = RandomDate(rng, lot.Start.AddDays(1), dates[0]);
        }

        lots.AddRange(closed);

        // In force at the first date.
        var initial = Add(rng, line, counts[0], line.EarliestStart, dates[0], customers, early: true);
        alive.AddRange(initial);
        lots.AddRange(initial);

        for (var k = 0; k + 1 < dates.Length; k++)
        {
            var quarters = (dates[k + 1].DayNumber - dates[k].DayNumber) / 91.3;
            var stay = Math.Min(counts[k], counts[k + 1]);
            var churn = (long)Math.Round(stay * line.ChurnPerQuarter * quarters);
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
            var weights = early ? line.EarlyWeights : line.LateWeights;
            for (var i = 0; i < units; i++)
            {
                var start = RandomDate(rng, from, to);
                result.Add(new Lot
                {
                    Line = line,
                    Customer = customers[rng.Next(customers.Length)],
                    Start = start,
                    Kbps = line.ValuesKbps[Pick(rng, weights)],
                });
            }

            return result;
        }

        // Dial-up: one lot per partner and month, sizes at random.
        var partners = line.Service == Service.Ij4uDialup
            ? new[] { "IJ4U retail members" }
            : OemPartners.Concat(customers.Take(40).Select(c => c + " (remote access)")).ToArray();
        var cells = new List<(string Customer, DateOnly From, DateOnly To, double Weight)>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var a = month < from ? from : month;
            var b = month.AddMonths(1).AddDays(-1) > to ? to : month.AddMonths(1).AddDays(-1);
            for (var p = 0; p < partners.Length; p++)
            {
                var big = line.Service == Service.Ij4uDialup || p < OemPartners.Length;
                if (!big && rng.NextDouble() < 0.8)
                {
                    continue;
                }

                cells.Add((partners[p], a, b, (big ? 20.0 : 0.3) * (0.5 + rng.NextDouble()) * (p < 2 ? 3 : 1)));
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
                    foreach (var v in lot.Line.ValuesKbps)
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

    private static int Pick(Random rng, double[] weights)
    {
        var x = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static string[] CustomerNames(Random rng, int count)
    {
        string[] places =
        [
            "Aoyama", "Shibuya", "Marunouchi", "Sakura", "Fuji", "Hoshino", "Kanda", "Nihonbashi", "Tokai", "Kansai", "Hokuriku",
            "Chubu", "Kyushu", "Shinagawa", "Yokohama", "Kobe", "Sendai", "Sapporo", "Hiroshima", "Nagoya", "Otemachi", "Akasaka",
            "Midori", "Asahi", "Yamato", "Heisei", "Daiichi", "Toyo", "Nippon", "Seiwa", "Kotobuki", "Mizuho", "Hikari", "Tsubasa",
        ];
        string[] trades =
        [
            "Trading", "Securities", "Electric", "Systems", "Logistics", "Printing", "Pharmaceutical", "Insurance", "Publishing",
            "Software", "Telecom", "Foods", "Motors", "Engineering", "Construction", "Chemical", "Textile", "Steel", "Travel",
            "Broadcasting", "Data Service", "Net Solutions", "Credit", "Real Estate", "Medical", "Optical", "Apparel", "Shipping",
        ];
        string[] forms = ["Co., Ltd.", "Inc.", "Corporation", "K.K.", "Holdings, Inc.", "Co., Ltd.", "Co., Ltd."];
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var name = $"{places[rng.Next(places.Length)]} {trades[rng.Next(trades.Length)]} {forms[rng.Next(forms.Length)]}";
            if (seen.Count < places.Length * trades.Length * 3 ? seen.Add(name) : true)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }
}
