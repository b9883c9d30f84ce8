using System.Globalization;
using Kessan.Diagnostics;

namespace Kessan.Kpi;

/// <summary>
/// Reads the contract register (CSV, UTF-8, one header line). Columns, in any order and any case:
/// <c>contract_id, customer, service, bandwidth, start, end</c> and optionally <c>count</c>.
/// Bad rows are reported (file:line: message) and left out; reading never stops at the first problem.
/// </summary>
public static class ContractRegisterReader
{
    /// <summary>The columns every register has.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["contract_id", "customer", "service", "bandwidth", "start", "end"];

    /// <summary>Columns a register may have: <c>count</c>, how many identical contracts or accounts the row stands for.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["count"];

    /// <summary>Reads a whole register file into memory.</summary>
    public static Result<IReadOnlyList<Contract>> ReadFile(string path, KpiDefinition kpis, System.Text.Encoding? encoding = null)
    {
        var diagnostics = new List<Diagnostic>();
        var contracts = new List<Contract>();
        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.MissingFile, new SourceLocation(path, 0), "the contract register file does not exist"));
            return new(contracts, diagnostics);
        }

        var text = TextInput.ReadAllText(path, path, encoding);
        diagnostics.AddRange(text.Diagnostics);
        if (text.Value is null)
        {
            return new(contracts, diagnostics);
        }

        using var reader = new StringReader(text.Value);
        contracts.AddRange(Stream(reader, path, kpis, diagnostics));
        return new(contracts, diagnostics);
    }

    /// <summary>Reads a register from text; <paramref name="fileName"/> is what messages call the file.</summary>
    public static Result<IReadOnlyList<Contract>> Read(TextReader reader, string fileName, KpiDefinition kpis)
    {
        var diagnostics = new List<Diagnostic>();
        var contracts = Stream(reader, fileName, kpis, diagnostics).ToList();
        return new(contracts, diagnostics);
    }

    /// <summary>
    /// Reads the register one row at a time, so a register of a million accounts need not be held in memory.
    /// Problems are added to <paramref name="diagnostics"/> as they are met. A service is one <paramref name="kpis"/> defines.
    /// </summary>
    public static IEnumerable<Contract> Stream(TextReader reader, string fileName, KpiDefinition kpis, ICollection<Diagnostic> diagnostics)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.BadHeader, new SourceLocation(fileName, 1), "the register is empty; it needs a header line: " + string.Join(",", RequiredColumns)));
            yield break;
        }

        var header = records.Current.Fields;
        var headerLine = records.Current.Line;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = NormalizeColumn(header[i]);
            if (RequiredColumns.Contains(name) || OptionalColumns.Contains(name))
            {
                if (!columns.TryAdd(name, i))
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.BadHeader, new SourceLocation(fileName, headerLine), $"the header has the column '{name}' twice"));
                }
            }
            else if (name.Length > 0)
            {
                diagnostics.Add(Diagnostic.Warning(RegisterCodes.UnusedColumn, new SourceLocation(fileName, headerLine), $"column '{header[i].Trim()}' is not used"));
            }
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var what = missing.Count == 1 ? $"'{missing[0]}' column" : "columns " + string.Join(", ", missing.Select(m => $"'{m}'"));
            diagnostics.Add(Diagnostic.Error(RegisterCodes.BadHeader, new SourceLocation(fileName, headerLine), $"the header has no {what}; a register has the columns {string.Join(",", RequiredColumns)} (and optionally count)"));
            yield break;
        }

        int cId = columns["contract_id"], cCustomer = columns["customer"], cService = columns["service"], cBandwidth = columns["bandwidth"],
            cStart = columns["start"], cEnd = columns["end"];
        var cCount = columns.GetValueOrDefault("count", -1);
        var width = header.Length;
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var serviceCache = new Dictionary<string, ServiceDefinition?>(StringComparer.Ordinal);

        while (records.MoveNext())
        {
            var record = records.Current;
            var line = record.Line;
            var at = new SourceLocation(fileName, line);
            if (record.Problem is { } problem)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.BadRow, at, problem));
                continue;
            }

            var row = record.Fields;
            if (row.Length != width)
            {
                if (row.Length == 1 && string.IsNullOrWhiteSpace(row[0]))
                {
                    continue;
                }

                diagnostics.Add(Diagnostic.Error(RegisterCodes.FieldCount, at, $"the row has {row.Length} fields but the header has {width}"));
                continue;
            }

            var ok = true;
            var id = row[cId].Trim();
            if (id.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.MissingId, at, "the contract id is empty"));
                ok = false;
            }
            else if (firstLineOfId.TryGetValue(id, out var first))
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.DuplicateId, at, $"contract id {id} is used again (first on line {first}); each contract has its own id"));
                ok = false;
            }
            else
            {
                firstLineOfId.Add(id, line);
            }

            var name = id.Length > 0 ? $"contract {id}" : "the contract";
            var customer = row[cCustomer].Trim();
            if (customer.Length == 0)
            {
                diagnostics.Add(Diagnostic.Warning(RegisterCodes.NoCustomer, at, $"{name} has no customer"));
            }

            var serviceText = row[cService].Trim();
            if (!serviceCache.TryGetValue(serviceText, out var service))
            {
                serviceCache[serviceText] = service = kpis.Find(serviceText);
            }

            if (service is null)
            {
                var known = kpis.Codes;
                diagnostics.Add(Diagnostic.Error(RegisterCodes.BadService, at, serviceText.Length == 0
                    ? $"{name} has no service; the services are {known}"
                    : $"service '{serviceText}' of {name} is not one of {known}"));
                ok = false;
            }

            Bandwidth? bandwidth = null;
            var bandwidthText = row[cBandwidth].Trim();
            if (bandwidthText.Length > 0)
            {
                if (Bandwidth.TryParse(bandwidthText, out var b))
                {
                    bandwidth = b;
                }
                else
                {
                    var hint = decimal.TryParse(bandwidthText, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                        ? $"it has no unit; write for example {bandwidthText}Mbps"
                        : "write a number and a unit, for example 128kbps, 1.5Mbps or 1Gbps";
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.BadBandwidth, at, $"bandwidth '{bandwidthText}' of {name} is not understood: {hint}"));
                    ok = false;
                }
            }
            else if (ok && service!.IsDedicated)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.MissingBandwidth, at, $"{name} ({service.Label}) has no bandwidth; every dedicated contract needs one, for example 1.5Mbps"));
                ok = false;
            }

            var startText = row[cStart].Trim();
            DateOnly start = default;
            if (startText.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.BadStart, at, $"{name} has no start date"));
                ok = false;
            }
            else if (!TryParseDate(startText, out start))
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.BadStart, at, $"start date {startText} is not a date; write dates as YYYY-MM-DD, for example 2003-06-30"));
                ok = false;
            }

            var endText = row[cEnd].Trim();
            DateOnly? end = null;
            if (endText.Length > 0)
            {
                if (TryParseDate(endText, out var e))
                {
                    end = e;
                }
                else
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.BadEnd, at, $"end date {endText} is not a date; write dates as YYYY-MM-DD, for example 2003-06-30, or leave it empty while the contract is open"));
                    ok = false;
                }
            }

            if (ok && end is { } endDate)
            {
                if (endDate < start)
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.EndsBeforeStart, at, $"{name} ends ({endDate:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})"));
                    ok = false;
                }
                else if (endDate == start)
                {
                    diagnostics.Add(Diagnostic.Warning(RegisterCodes.NeverInForce, at, $"{name} starts and ends on {start:yyyy-MM-dd}, so it is never in force"));
                }
            }

            var count = 1;
            if (cCount >= 0)
            {
                var countText = row[cCount].Trim();
                if (countText.Length > 0
                    && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.BadCount, at, $"count '{countText}' of {name} is not a whole number of at least 1"));
                    ok = false;
                }

                if (countText.Length == 0)
                {
                    count = 1;
                }
            }

            if (ok)
            {
                yield return new Contract(id, customer, service!.Code, bandwidth, start, end, count, at);
            }
        }
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary><c>Contract ID</c>, <c>contract-id</c> and <c>contract_id</c> are the same column.</summary>
    private static string NormalizeColumn(string header)
    {
        var chars = header.Trim().TrimStart('\uFEFF').ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        var name = new string(chars).Trim('_');
        while (name.Contains("__", StringComparison.Ordinal))
        {
            name = name.Replace("__", "_", StringComparison.Ordinal);
        }

        return name switch
        {
            "id" or "contract" or "contractid" => "contract_id",
            "start_date" => "start",
            "end_date" => "end",
            "quantity" => "count",
            _ => name,
        };
    }
}
