using System.Diagnostics;
using Kessan.Diagnostics;

namespace Kessan.Publish;

/// <summary>
/// Prints an HTML page to PDF with a headless Chromium browser: the one <c>KESSAN_CHROMIUM</c> names, else the first of
/// Debian's and other usual paths that exists. The page is printed with the browser's own header and footer off, so
/// the page numbers and running header are the ones the page's print CSS sets.
/// </summary>
public static class ChromiumPrinter
{
    private static readonly string[] Candidates =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];

    /// <summary>The browser's executable, or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KESSAN_CHROMIUM") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The browser stamps the PDF with the time it printed (<c>/CreationDate (D:20261202123831+00'00')</c>, and
    /// <c>/ModDate</c>), so two builds of one release would differ. The 14 digits of each are set to 1980-01-01 00:00:00
    /// (as the zip entries of release.xlsx), in place: the file keeps its length, so its cross-reference offsets hold.
    /// </summary>
    public static byte[] WithFixedDates(byte[] pdf)
    {
        foreach (var key in new[] { "/CreationDate (D:"u8.ToArray(), "/ModDate (D:"u8.ToArray() })
        {
            for (var at = pdf.AsSpan().IndexOf(key); at >= 0;)
            {
                var digits = pdf.AsSpan(at + key.Length, Math.Min(14, pdf.Length - at - key.Length));
                if (digits.Length == 14 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                {
                    "19800101000000"u8.CopyTo(digits);
                }

                var next = pdf.AsSpan(at + key.Length).IndexOf(key);
                at = next < 0 ? -1 : at + key.Length + next;
            }
        }

        return pdf;
    }

    /// <summary>Prints <paramref name="html"/> to PDF with the browser at <paramref name="browser"/>.</summary>
    public static Result<byte[]> Print(string browser, string html, TimeSpan? timeout = null)
    {
        var work = Path.Combine(Path.GetTempPath(), "kessan-print-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var page = Path.Combine(work, "release.html");
            var pdf = Path.Combine(work, "release.pdf");
            File.WriteAllText(page, html);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                "--user-data-dir=" + Path.Combine(work, "profile"), "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                return Failed($"{browser} did not finish printing within {(timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds:0} seconds");
            }

            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                return Failed($"{browser} exited with {process.ExitCode} and wrote no PDF: {Last(stderr.Result + stdout.Result)}");
            }

            return new Result<byte[]>(WithFixedDates(File.ReadAllBytes(pdf)), []);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // The browser may still hold its profile for a moment; a temporary folder left behind does no harm.
            }
        }
    }

    private static Result<byte[]> Failed(string message) =>
        new(null, [Diagnostic.Error(PublishCodes.PrintFailed, null, message)]);

    private static string Last(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" / ", lines.TakeLast(3));
    }
}
