namespace Kessan.Tests.Verify.Mutation;

/// <summary>What kind of single error a mutant plants.</summary>
public enum MutationKind
{
    ChangedDigit,
    SwappedDigits,
    FlippedSign,
    SwappedDirection,
}

/// <summary>
/// One planted error: replace <see cref="Original"/> at a line and column with <see cref="Replacement"/>.
/// <see cref="MustBeFound"/> is false when rounding could explain it (a change of fewer than ten units of the
/// last printed digit), so verify is allowed to stay silent.
/// </summary>
public sealed record Mutant(MutationKind Kind, int Line, int Column, string Original, string Replacement, bool MustBeFound, string Where)
{
    public string Apply(string text)
    {
        var lines = text.Split('\n');
        var line = lines[Line - 1];
        var at = Column - 1;
        if (at < 0 || at + Original.Length > line.Length || string.CompareOrdinal(line, at, Original, 0, Original.Length) != 0)
        {
            throw new InvalidOperationException($"Mutant {this} does not match line {Line}: {line}");
        }

        lines[Line - 1] = line[..at] + Replacement + line[(at + Original.Length)..];
        return string.Join('\n', lines);
    }

    public override string ToString() => $"{Kind} at {Line}:{Column} ({Where}): '{Original}' -> '{Replacement}'";
}
