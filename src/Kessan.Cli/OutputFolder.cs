using System.Text;
using Kessan.Diagnostics;

namespace Kessan.Cli;

/// <summary>Codes of the problems of an output location; docs/errors.md says what each means and what to do.</summary>
public static class OutputCodes
{
    /// <summary>A folder is asked for where a file is (or a file's folder is a file).</summary>
    public const string IsAFile = "output.is-a-file";

    /// <summary>A file is asked for where a folder is.</summary>
    public const string IsAFolder = "output.is-a-folder";

    /// <summary>The output folder exists and is not empty.</summary>
    public const string NotEmpty = "output.not-empty";

    /// <summary>The output location cannot be written (permissions, a read-only disk, a full disk).</summary>
    public const string CannotWrite = "output.cannot-write";
}

/// <summary>
/// Writes the outputs of a command all or nothing: into a temporary file or folder beside the target first, then moved
/// into place, so that a failure or a killed run never leaves a complete-looking output. A location that cannot be
/// written is a problem (a <see cref="Diagnostic"/>), not a crash.
/// </summary>
public static class OutputFolder
{
    /// <summary>Writes <paramref name="files"/> (name → text, saved as UTF-8) into the folder <paramref name="outDir"/>, created if needed.</summary>
    public static Diagnostic? WriteAll(string outDir, IReadOnlyDictionary<string, string> files) =>
        WriteAll(outDir, files.ToDictionary(f => f.Key, f => new UTF8Encoding(false).GetBytes(f.Value)));

    /// <summary>Writes files of any content (a workbook, a PDF) into the folder <paramref name="outDir"/>, created if needed.</summary>
    public static Diagnostic? WriteAll(string outDir, IReadOnlyDictionary<string, byte[]> files)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        if (FolderProblem(outDir, full) is { } problem)
        {
            return problem;
        }

        foreach (var name in files.Keys.Where(n => Directory.Exists(Path.Combine(full, n))))
        {
            return Diagnostic.Error(OutputCodes.IsAFolder, new SourceLocation(Path.Combine(outDir, name), 0), $"'{Path.Combine(outDir, name)}' is a folder, so the file {name} cannot be written there; remove it or choose another --out folder");
        }

        var parent = Path.GetDirectoryName(full) ?? ".";
        return Guard(outDir, () =>
        {
            Directory.CreateDirectory(parent);
            var staging = Staging(full);
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
                DeleteFolder(staging);
            }
        });
    }

    /// <summary>Writes one file: into a temporary file beside it first, then moved into place.</summary>
    public static Diagnostic? WriteFile(string path, string content) => WriteFile(path, w => w.Write(content));

    /// <summary>Writes one file through <paramref name="write"/>: into a temporary file beside it first, then moved into place.</summary>
    public static Diagnostic? WriteFile(string path, Action<TextWriter> write)
    {
        if (CheckFile(path) is { } problem)
        {
            return problem;
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";

        return Guard(path, () =>
        {
            Directory.CreateDirectory(folder);
            var staging = Staging(full);
            try
            {
                using (var writer = new StreamWriter(staging, false, new UTF8Encoding(false), 1 << 16))
                {
                    write(writer);
                }

                File.Move(staging, full, overwrite: true);
            }
            finally
            {
                File.Delete(staging);
            }
        });
    }

    /// <summary>
    /// Makes <paramref name="outDir"/> a folder holding exactly what <paramref name="fill"/> writes into the folder it is
    /// given: filled beside the target first, then moved into place, so a failure leaves nothing behind. When
    /// <paramref name="fill"/> returns false nothing is kept. An existing folder is replaced only if it is empty or
    /// <paramref name="replace"/> is set.
    /// </summary>
    public static Diagnostic? CreateFolder(string outDir, Func<string, bool> fill, bool replace)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        if (FolderProblem(outDir, full) is { } problem)
        {
            return problem;
        }

        if (!replace && NotEmpty(outDir, full) is { } notEmpty)
        {
            return notEmpty;
        }

        var parent = Path.GetDirectoryName(full) ?? ".";
        return Guard(outDir, () =>
        {
            Directory.CreateDirectory(parent);
            var staging = Staging(full);
            Directory.CreateDirectory(staging);
            try
            {
                if (!fill(staging))
                {
                    return;
                }

                if (!Directory.Exists(full))
                {
                    Directory.Move(staging, full);
                    return;
                }

                var old = Path.Combine(parent, $".{Path.GetFileName(full)}.kessan-old-{Guid.NewGuid():N}");
                Directory.Move(full, old);
                Directory.Move(staging, full);
                DeleteFolder(old);
            }
            finally
            {
                DeleteFolder(staging);
            }
        });
    }

    /// <summary>
    /// A problem when a file cannot be written at <paramref name="path"/> for what is already there (a folder of that
    /// name, or a file where its folder should be); checked before a command does its work, so it fails at once.
    /// </summary>
    public static Diagnostic? CheckFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return Diagnostic.Error(OutputCodes.IsAFolder, new SourceLocation(path, 0), $"'{path}' is a folder; name a file to write");
        }

        return FolderProblem(Path.GetDirectoryName(path) is { Length: > 0 } p ? p : ".", Path.GetDirectoryName(full) ?? ".");
    }

    /// <summary>A problem when <paramref name="full"/> exists as a folder with anything in it.</summary>
    public static Diagnostic? NotEmpty(string outDir, string full) =>
        Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()
            ? Diagnostic.Error(OutputCodes.NotEmpty, new SourceLocation(outDir, 0), $"the output folder '{outDir}' exists and is not empty; name a new or empty folder")
            : null;

    /// <summary>A problem when <paramref name="full"/> or a folder above it is a file.</summary>
    private static Diagnostic? FolderProblem(string shown, string full)
    {
        for (var at = full; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                return Diagnostic.Error(OutputCodes.IsAFile, new SourceLocation(shown, 0), at == full
                    ? $"'{shown}' is a file, not a folder; name a folder to write into"
                    : $"'{shown}' cannot be a folder: '{at}' is a file");
            }

            if (Directory.Exists(at))
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Runs a write; a location the system refuses becomes a problem naming it.</summary>
    private static Diagnostic? Guard(string shown, Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return Diagnostic.Error(OutputCodes.CannotWrite, new SourceLocation(shown, 0), $"Kessan may not write to '{shown}' (permission denied); choose a folder you can write to");
        }
        catch (IOException e)
        {
            var why = e switch
            {
                DirectoryNotFoundException or FileNotFoundException => "its folder cannot be created there",
                PathTooLongException => "the path is too long",
                _ when e.HResult is 28 or unchecked((int)0x80070070) => "the disk is full",
                _ when e.HResult is 30 => "the disk is read-only",
                _ => "the system refused the write",
            };
            return Diagnostic.Error(OutputCodes.CannotWrite, new SourceLocation(shown, 0), $"'{shown}' cannot be written: {why}; choose another location");
        }
    }

    private static string Staging(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.kessan-{Guid.NewGuid():N}");

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Nothing more can be done; the staging folder's name starts with a dot and says what it is.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
