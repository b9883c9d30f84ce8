namespace Kessan.Kpi;

/// <summary>One CSV record, with the line it starts on (counting from 1).</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields, string? Problem);

/// <summary>
/// Streams the records of a CSV file (RFC 4180, read by CsvHelper) with the line each starts on. A record with broken
/// quoting comes back with a <see cref="CsvRecord.Problem"/> instead of stopping the read; ragged records are allowed
/// (the caller reports missing fields in its own words).
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var problems = new Dictionary<long, string>();
        var options = new CsvHelper.CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow,
            MalformedData = CsvHelper.CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m =>
            {
                if (m.Reason != CsvHelper.CsvMalformedReason.FieldCountMismatch)
                {
                    problems[m.LineNumber] = m.Reason switch
                    {
                        CsvHelper.CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
                        CsvHelper.CsvMalformedReason.StrayQuote => "a quote inside a field that is not quoted",
                        CsvHelper.CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
                        _ => "broken quoting",
                    };
                }
            },
        };
        using var csv = CsvHelper.CsvReader.Create(reader, options, leaveOpen: true);
        while (csv.Read())
        {
            var line = csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            yield return new CsvRecord((int)line, fields, problems.Remove(line, out var problem) ? problem : null);
        }
    }

    /// <summary>Writes a field, quoting it when it holds a comma, quote or line break.</summary>
    public static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
