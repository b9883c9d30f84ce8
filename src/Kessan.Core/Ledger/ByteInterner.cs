using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Kessan.Ledger;

/// <summary>
/// Gives each distinct byte string (an account name, a commodity) a small integer id, looked up by span so that
/// reading a posting allocates nothing once its account has been seen.
/// </summary>
internal sealed class ByteInterner
{
    private int[] slots = new int[256]; // id + 1, 0 = empty
    private ulong[] hashes = new ulong[64];
    private byte[][] keys = new byte[64][];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        // Unchecked, and the tables read without bounds checks: a slot index is masked to the table's size and an id
        // taken from a slot is below Count, so within hashes and keys.
        unchecked
        {
            var h = LedgerText.Hash(key);
            var table = slots;
            var mask = table.Length - 1;
            var i = (int)h & mask;
            ref var slot = ref MemoryMarshal.GetArrayDataReference(table);
            ref var hash = ref MemoryMarshal.GetArrayDataReference(hashes);
            ref var name = ref MemoryMarshal.GetArrayDataReference(keys);
            while (true)
            {
                var e = Unsafe.Add(ref slot, i);
                if (e == 0)
                {
                    added = true;
                    return Add(key, h, i);
                }

                var id = e - 1;
                if (Unsafe.Add(ref hash, id) == h && LedgerText.BytesEqual(Unsafe.Add(ref name, id), key))
                {
                    added = false;
                    return id;
                }

                i = (i + 1) & mask;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key) => GetOrAdd(key, out _);

    public int GetOrAdd(string key) => GetOrAdd(Encoding.UTF8.GetBytes(key), out _);

    public string this[int id] => Encoding.UTF8.GetString(keys[id]);

    /// <summary>Forgets every name, keeping the tables for the next use.</summary>
    public void Clear()
    {
        Array.Clear(slots);
        Count = 0;
    }

    private int Add(ReadOnlySpan<byte> key, ulong h, int slot)
    {
        var id = Count;
        if (id == keys.Length)
        {
            Array.Resize(ref keys, id * 2);
            Array.Resize(ref hashes, id * 2);
        }

        keys[id] = key.ToArray();
        hashes[id] = h;
        slots[slot] = id + 1;
        Count++;
        if (Count * 2 > slots.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        var bigger = new int[slots.Length * 2];
        var mask = bigger.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var i = (int)(hashes[id] & (ulong)mask);
            while (bigger[i] != 0)
            {
                i = (i + 1) & mask;
            }

            bigger[i] = id + 1;
        }

        slots = bigger;
    }
}

/// <summary>
/// The id of the name looked up last, kept so that the lines or rows that repeat it (a ledger's postings mostly carry
/// one currency) skip the hash table of <see cref="ByteInterner"/>.
/// </summary>
internal sealed class LastLookup(ByteInterner names)
{
    private readonly byte[] last = new byte[32];
    private int length = -1;
    private int id;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<byte> name)
    {
        // Names here are short: a byte loop is quicker than a call.
        if (name.Length == length)
        {
            var i = 0;
            while (i < name.Length && (uint)i < (uint)last.Length && name[i] == last[i])
            {
                i++;
            }

            if (i == name.Length)
            {
                return id;
            }
        }

        return Remember(name);
    }

    private int Remember(ReadOnlySpan<byte> name)
    {
        id = names.GetOrAdd(name);
        if (name.Length <= last.Length)
        {
            name.CopyTo(last);
            length = name.Length;
        }
        else
        {
            length = -1;
        }

        return id;
    }
}
