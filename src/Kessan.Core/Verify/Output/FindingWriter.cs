using System.Text.Encodings.Web;
using System.Text.Json;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;

namespace Kessan.Verify.Output;

/// <summary>Prints reports as text (one line per finding, <c>file:line:column: severity CODE: message</c>) or as one JSON document.</summary>
public static class FindingWriter
{
    public static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static void WriteText(TextWriter output, FileReport report, bool explain = false)
    {
        foreach (var f in report.Findings)
        {
            output.WriteLine(f.ToString());
        }

        if (report.Coverage is { } coverage)
        {
            output.WriteLine($"{report.Path}: coverage: {coverage.Summary()}.");
            if (explain)
            {
                foreach (var line in coverage.Explained)
                {
                    output.WriteLine($"  {line}");
                }
            }
        }
    }

    public static void WriteTextSummary(TextWriter output, int files, int errors, int warnings, int infos) =>
        output.WriteLine($"{files} file{(files == 1 ? "" : "s")} verified: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}, {infos} info.");

    /// <summary>Writes <c>{"files":[...]}</c> one file at a time, so memory stays flat however many files there are.</summary>
    public sealed class JsonDocumentWriter : IDisposable
    {
        private readonly Utf8JsonWriter _json;
        private readonly Stream _stream;
        private readonly TextWriter _output;

        public JsonDocumentWriter(TextWriter output)
        {
            _output = output;
            _stream = new MemoryStream();
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _json.WriteStartObject();
            _json.WritePropertyName("files");
            _json.WriteStartArray();
        }

        public void Write(FileReport report, bool explain = false)
        {
            _json.WriteStartObject();
            _json.WriteString("path", report.Path);
            _json.WritePropertyName("findings");
            _json.WriteStartArray();
            foreach (var f in report.Findings)
            {
                _json.WriteStartObject();
                _json.WriteString("code", f.Code);
                _json.WriteString("severity", SeverityName(f.Severity));
                _json.WriteNumber("line", f.Location.Line);
                _json.WriteNumber("column", f.Location.Column);
                _json.WriteString("message", f.Message);
                WriteNullable("expected", f.Expected);
                WriteNullable("actual", f.Actual);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            if (report.Coverage is { } coverage)
            {
                WriteCoverage(coverage, explain);
            }

            _json.WriteEndObject();
            Flush();
        }

        private void WriteCoverage(Coverage coverage, bool explain)
        {
            _json.WritePropertyName("coverage");
            _json.WriteStartObject();
            _json.WriteNumber("tablesRead", coverage.TablesRead);
            _json.WriteNumber("tablesWithFigures", coverage.TablesWithFigures);
            _json.WriteNumber("tablesWithTotal", coverage.TablesWithTotal);
            _json.WriteNumber("tablesFooted", coverage.TablesFooted);
            foreach (var (kind, k) in coverage.Kinds)
            {
                _json.WritePropertyName(Coverage.Name(kind));
                _json.WriteStartObject();
                _json.WriteNumber("checked", k.Checked);
                _json.WriteNumber("passed", k.Passed);
                _json.WritePropertyName("skipped");
                _json.WriteStartObject();
                foreach (var (reason, n) in k.Skipped)
                {
                    _json.WriteNumber(reason, n);
                }

                _json.WriteEndObject();
                _json.WriteEndObject();
            }

            if (explain)
            {
                _json.WritePropertyName("explained");
                _json.WriteStartArray();
                foreach (var line in coverage.Explained)
                {
                    _json.WriteStringValue(line);
                }

                _json.WriteEndArray();
            }

            _json.WriteEndObject();
        }

        private void WriteNullable(string name, string? value)
        {
            if (value is null)
            {
                _json.WriteNull(name);
            }
            else
            {
                _json.WriteString(name, value);
            }
        }

        private void Flush()
        {
            _json.Flush();
            var ms = (MemoryStream)_stream;
            _output.Write(System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length));
            ms.SetLength(0);
        }

        public void Dispose()
        {
            _json.WriteEndArray();
            _json.WriteEndObject();
            Flush();
            _output.WriteLine();
            _json.Dispose();
            _stream.Dispose();
        }
    }
}
