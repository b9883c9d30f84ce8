using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kessan.Ledger;

/// <summary>
/// The ids of the account names a ledger reader met recently, for names of 1 to 48 bytes: a name is held as three 16-byte blocks (its start, middle and end, together every byte of
/// it) and its length, so that one comparison of those blocks tells it apart exactly, without hashing its bytes or
/// following the name table of <see cref="ByteInterner"/>. Direct-mapped: a name that is not in its slot is looked
/// up in the accumulator and takes the slot. Belongs to one reading thread's accumulator, which numbers ids per part:
/// <see cref="Forget"/> empties it for the next part without touching its slots.
/// </summary>
[SkipLocalsInit]
internal sealed class AccountCache
{
    /// <summary>The longest name held: three blocks of 16 bytes.</summary>
    public const int MaxLength = 48;

    /// <summary>
    /// 2,048 slots (128 KB, of which only the slots used are touched): two names in one slot push each other out, and
    /// with 256 slots 4 of the 40 accounts of the benchmark journal did, and half of a 200-account chart would; with
    /// 2,048, about one name in ten of 200.
    /// </summary>
    private const int SlotBits = 11;

    private readonly Slot[] slots = new Slot[1 << SlotBits];

    /// <summary>The slots filled since the last <see cref="Forget"/> are those of this number; the others are empty.</summary>
    private int generation = 1;

    private struct Slot
    {
        public Vector128<byte> Start;
        public Vector128<byte> Middle;
        public Vector128<byte> End;
        public int Length; // 0: empty
        public int Id;
        public int Generation;
    }

    /// <summary>
    /// The id of the account <paramref name="name"/>, of which <paramref name="readable"/> bytes (its own and those
    /// after it) may be read from its start; counts the use as <see cref="ChunkAccumulator.UseAccount"/> does, which
    /// looks up an empty name, one longer than <see cref="MaxLength"/>, or one shorter than 16 bytes with fewer than 16
    /// readable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int UseAccount(ChunkAccumulator acc, ReadOnlySpan<byte> name, int readable, long line)
    {
        var length = name.Length;
        if (length == 0 || length > MaxLength || (length < 16 && readable < 16))
        {
            return LookUp(acc, name, line);
        }

        ref var text = ref MemoryMarshal.GetReference(name);
        unchecked
        {
            Vector128<byte> start, middle, end;
            if (length >= 16)
            {
                start = Vector128.LoadUnsafe(ref text);
                middle = Vector128.LoadUnsafe(ref text, (nuint)((length >> 1) - 8));
                end = Vector128.LoadUnsafe(ref text, (nuint)(length - 16));
            }
            else
            {
                // The bytes past the name are not part of it: kept out by a mask of the first length bytes.
                var keep = Vector128.GreaterThan(Vector128.Create((byte)length), Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
                start = Vector128.LoadUnsafe(ref text) & keep;
                middle = end = Vector128<byte>.Zero;
            }

            var mix = (start ^ end).AsUInt64();
            var index = (int)(((mix.GetElement(0) ^ mix.GetElement(1)) + (ulong)length) * 0x9E3779B97F4A7C15UL >> (64 - SlotBits));
            ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), index);
            int id;
            if (slot.Length == length && slot.Generation == generation && ((slot.Start ^ start) | (slot.Middle ^ middle) | (slot.End ^ end)) == Vector128<byte>.Zero)
            {
                // The name went through the accumulator (UseAccount) in this part before it took the slot: its first
                // use is noted already.
                id = slot.Id;
                acc.CountRepeatUse(id);
                return id;
            }

            id = LookUp(acc, name, line);
            slot.Start = start;
            slot.Middle = middle;
            slot.End = end;
            slot.Length = length;
            slot.Id = id;
            slot.Generation = generation;
            return id;
        }
    }

    /// <summary>Empties the cache (the accumulator's names are numbered anew): one number changed, no slot written.</summary>
    public void Forget()
    {
        if (generation == int.MaxValue)
        {
            Array.Clear(slots);
            generation = 0;
        }

        generation++;
    }

    /// <summary>A name not in the cache, through the accumulator's table: kept out of the caller's common path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LookUp(ChunkAccumulator acc, ReadOnlySpan<byte> name, long line) => acc.UseAccount(name, line);
}
