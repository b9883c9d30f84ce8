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
    /// Empty when the comment has no such tag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> TagIn(ReadOnlySpan<byte> comment)
    {
        var from = 0;
        while (true)
        {
            var i = comment[from..].IndexOf("flow:"u8);
            if (i < 0)
            {
                return [];
            }

            i += from;
            if (i == 0 || comment[i - 1] is (byte)' ' or (byte)'\t' or (byte)',' or (byte)';')
            {
                var value = comment[(i + 5)..];
                var comma = value.IndexOf((byte)',');
                if (comma >= 0)
                {
                    value = value[..comma];
                }

                return LedgerText.Trim(value, out _);
            }

            from = i + 5;
        }
    }
}
