namespace Kessan.Cli;

/// <summary>Writes a set of output files all or nothing: into a temporary folder first, then moved into place.</summary>
public static class OutputFolder
{
    public static void WriteAll(string outDir, IReadOnlyDictionary<string, string> files)
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
                File.WriteAllText(Path.Combine(staging, name), content);
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
}
