using System.Text;

namespace Kessan.Kpi;

/// <summary>One CSV record, with the line it starts on (counting from 1).</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields, string? Problem);

/// <summary>
/// A small streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a quote inside a quoted
/// field doubled, line breaks allowed inside quotes, LF or CRLF line ends. A malformed record comes back with a
/// <see cref="CsvRecord.Problem"/> instead of stopping the read.
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (lineNo == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (line.Length == 0)
            {
                continue;
            }

            var startLine = lineNo;
            if (!line.Contains('"'))
            {
                yield return new CsvRecord(startLine, line.Split(','), null);
                continue;
            }

            fields.Clear();
            field.Clear();
            string? problem = null;
            var i = 0;
            while (true)
            {
                if (i < line.Length && line[i] == '"')
                {
                    // Quoted field: runs to the closing quote, across lines if need be.
                    i++;
                    var closed = false;
                    while (!closed)
                    {
                        while (i < line.Length)
                        {
                            var c = line[i];
                            if (c == '"')
                            {
                                if (i + 1 < line.Length && line[i + 1] == '"')
                                {
                                    field.Append('"');
                                    i += 2;
                                    continue;
                                }

                                i++;
                                closed = true;
                                break;
                            }

                            field.Append(c);
                            i++;
                        }

                        if (!closed)
                        {
                            var next = reader.ReadLine();
                            if (next is null)
                            {
                                problem = "a quoted field is never closed (a \" is missing)";
                                break;
                            }

                            lineNo++;
                            field.Append('\n');
                            line = next;
                            i = 0;
                        }
                    }

                    if (problem is null && i < line.Length && line[i] != ',')
                    {
                        problem = "text follows a closing quote; put the whole field in quotes and double any quote inside it";
                        while (i < line.Length && line[i] != ',')
                        {
                            field.Append(line[i++]);
                        }
                    }
                }
                else
                {
                    var comma = line.IndexOf(',', i);
                    var end = comma < 0 ? line.Length : comma;
                    var text = line.AsSpan(i, end - i);
                    if (text.Contains('"') && problem is null)
                    {
                        problem = "a quote (\") is inside a field that does not start with one; put the whole field in quotes and double any quote inside it";
                    }

                    field.Append(text);
                    i = end;
                }

                fields.Add(field.ToString());
                field.Clear();
                if (problem is not null && i >= line.Length)
                {
                    break;
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            yield return new CsvRecord(startLine, [.. fields], problem);
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
