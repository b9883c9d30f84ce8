using System.Text.Encodings.Web;
using System.Text.Json;
using Kessan.Diagnostics;

namespace Kessan.Verify.Output;

/// <summary>Prints verify reports as text (one line per finding, <c>file:line:column: severity CODE: message (expected …, actual …)</c>) or as one JSON document.</summary>
public static class ReportWriter
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
                _json.WriteNumber("line", f.Line);
                _json.WriteNumber("column", f.Column);
                if (f.Location is { Page: > 0 } at)
                {
                    _json.WriteNumber("page", at.Page); // a PDF: the line is the line on this page
                }

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

        /// <summary><c>{"text": "-17.1%", "value": -17.14, "low": -17.43, "high": -16.85}</c>; numbers are JSON numbers, rounded outward to six decimals.</summary>
        private void WriteNullable(string name, ComparedValue? value)
        {
            if (value is not { } v)
            {
                _json.WriteNull(name);
                return;
            }

            _json.WritePropertyName(name);
            _json.WriteStartObject();
            _json.WriteString("text", v.Text);
            WriteNumber("value", v.Value, MidpointRounding.AwayFromZero);
            WriteNumber("low", v.Low, MidpointRounding.ToNegativeInfinity);
            WriteNumber("high", v.High, MidpointRounding.ToPositiveInfinity);
            _json.WriteEndObject();
        }

        private void WriteNumber(string name, decimal? value, MidpointRounding toward)
        {
            if (value is { } n)
            {
                _json.WriteNumber(name, Math.Round(n, 6, toward));
            }
            else
            {
                _json.WriteNull(name);
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
