namespace Kessan.Cli;

/// <summary>Writes a set of output files all or nothing: into a temporary folder first, then moved into place.</summary>
public static class OutputFolder
{
    public static void WriteAll(string outDir, IReadOnlyDictionary<string, string> files) =>
        WriteAll(outDir, files.ToDictionary(f => f.Key, f => new System.Text.UTF8Encoding(false).GetBytes(f.Value)));

    /// <summary>Writes files of any content (a workbook, a PDF) all or nothing.</summary>
    public static void WriteAll(string outDir, IReadOnlyDictionary<string, byte[]> files)
    {
        var full = Path.GetFullPath(outDir);
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.kessan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (name, content) in files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
            }

            if (!Directory.Exists(full))
            {
                Directory.Move(staging, full);
                return;
            }

            foreach (var name in files.Keys)
            {
                File.Move(Path.Combine(staging, name), Path.Combine(full, name), overwrite: true);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Writes one file all or nothing: into a temporary file beside it first, then moved into place.</summary>
    public static void WriteFile(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".{Path.GetFileName(full)}.kessan-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(staging, content);
            File.Move(staging, full, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>
    /// Makes <paramref name="outDir"/> a folder holding exactly what <paramref name="fill"/> writes into the folder it is
    /// given: filled beside the target first, then moved into place, so a failure leaves nothing behind. An existing
    /// folder is replaced only if it is empty or <paramref name="replace"/> is set (the caller checks and says so first).
    /// </summary>
    public static void CreateFolder(string outDir, Action<string> fill, bool replace)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.kessan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            if (!Directory.Exists(full))
            {
                Directory.Move(staging, full);
                return;
            }

            if (!replace && Directory.EnumerateFileSystemEntries(full).Any())
            {
                throw new IOException($"the folder '{outDir}' exists and is not empty");
            }

            var old = Path.Combine(parent, $".{Path.GetFileName(full)}.kessan-old-{Guid.NewGuid():N}");
            Directory.Move(full, old);
            Directory.Move(staging, full);
            Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
