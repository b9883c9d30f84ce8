using System.Runtime.CompilerServices;

namespace Kessan.Ledger;

/// <summary>
/// A posting's flow (movement type) travels with its account through the readers as one interned name,
/// <c>ACCOUNT␟FLOW</c> (the unit separator, which no account name contains), so the sums need no extra dimension;
/// the trial balance splits it again.
/// </summary>
internal static class FlowKey
{
    public const byte Separator = 0x1F;

    /// <summary>The account and the flow (<c>""</c> when none) of an interned name.</summary>
    public static (string Account, string Flow) Split(string name)
    {
        var at = name.IndexOf((char)Separator, StringComparison.Ordinal);
        return at < 0 ? (name, "") : (name[..at], name[(at + 1)..]);
    }

    /// <summary><c>ACCOUNT␟FLOW</c> in <paramref name="buffer"/> (grown when needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Join(ReadOnlySpan<byte> account, ReadOnlySpan<byte> flow, ref byte[] buffer)
    {
        var length = account.Length + 1 + flow.Length;
        if (buffer.Length < length)
        {
            buffer = new byte[length * 2];
        }

        account.CopyTo(buffer);
        buffer[account.Length] = Separator;
        flow.CopyTo(buffer.AsSpan(account.Length + 1));
        return buffer.AsSpan(0, length);
    }

    /// <summary>
    /// The value of a <c>flow:</c> tag in a comment (<c>flow: depreciation</c>, ledger-cli metadata, or
    /// <c>flow:depreciation, other:tag</c>, hledger tags): the text after the colon up to a comma or the end, trimmed.
    /// As hledger reads tags, a tag's name is the word (no blanks) before its colon and its value runs to the next
    /// comma, so neither <c>overflow:</c> nor the <c>flow:</c> inside another tag's value (<c>memo: cash flow: x</c>)
    /// is the tag. Empty when the comment has no such tag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> TagIn(ReadOnlySpan<byte> comment)
    {
        while (true)
        {
            var colon = comment.IndexOf((byte)':');
            if (colon < 0)
            {
                return [];
            }

            var name = comment[..colon];
            name = name[(name.LastIndexOfAny((byte)' ', (byte)'\t') + 1)..];
            var value = comment[(colon + 1)..];
            if (name.IsEmpty)
            {
                comment = value; // a colon after a blank names no tag
                continue;
            }

            var comma = value.IndexOf((byte)',');
            if (name.SequenceEqual("flow"u8))
            {
                return LedgerText.Trim(comma >= 0 ? value[..comma] : value, out _);
            }

            if (comma < 0)
            {
                return [];
            }

            comment = value[(comma + 1)..];
        }
    }
}
