using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kessan.Ledger;

/// <summary>
/// The ids of the account names a journal reader met recently, for names of 1 to 48 bytes in a line with bytes
/// readable past the name: a name is held as three 16-byte blocks (its start, middle and end, together every byte of
/// it) and its length, so that one comparison of those blocks tells it apart exactly, without hashing its bytes or
/// following the name table of <see cref="ByteInterner"/>. Direct-mapped: a name that is not in its slot is looked
/// up in the accumulator and takes the slot. Belongs to one part's reader (ids are numbered per part).
/// </summary>
[SkipLocalsInit]
internal sealed class AccountCache
{
    /// <summary>The longest name held: three blocks of 16 bytes.</summary>
    public const int MaxLength = 48;

    private const int SlotBits = 8;

    private readonly Slot[] slots = new Slot[1 << SlotBits];

    private struct Slot
    {
        public Vector128<byte> Start;
        public Vector128<byte> Middle;
        public Vector128<byte> End;
        public int Length; // 0: empty
        public int Id;
    }

    /// <summary>
    /// The id of the account named by the <paramref name="length"/> bytes (1 to <see cref="MaxLength"/>) at
    /// <paramref name="name"/>, with at least 16 bytes readable from there; counts the use as
    /// <see cref="ChunkAccumulator.UseAccount"/> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int UseAccount(ChunkAccumulator acc, ref byte name, int length, long line)
    {
        unchecked
        {
            Vector128<byte> start, middle, end;
            if (length >= 16)
            {
                start = Vector128.LoadUnsafe(ref name);
                middle = Vector128.LoadUnsafe(ref name, (nuint)((length >> 1) - 8));
                end = Vector128.LoadUnsafe(ref name, (nuint)(length - 16));
            }
            else
            {
                // The bytes past the name are not part of it: kept out by a mask of the first length bytes.
                var keep = Vector128.GreaterThan(Vector128.Create((byte)length), Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
                start = Vector128.LoadUnsafe(ref name) & keep;
                middle = end = Vector128<byte>.Zero;
            }

            var mix = (start ^ end).AsUInt64();
            var index = (int)(((mix.GetElement(0) ^ mix.GetElement(1)) + (ulong)length) * 0x9E3779B97F4A7C15UL >> (64 - SlotBits));
            ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), index);
            int id;
            if (slot.Length == length && ((slot.Start ^ start) | (slot.Middle ^ middle) | (slot.End ^ end)) == Vector128<byte>.Zero)
            {
                id = slot.Id;
                acc.CountUse(id, line);
                return id;
            }

            id = acc.UseAccount(MemoryMarshal.CreateReadOnlySpan(ref name, length), line);
            slot.Start = start;
            slot.Middle = middle;
            slot.End = end;
            slot.Length = length;
            slot.Id = id;
            return id;
        }
    }
}
