using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kessan.Ledger;

/// <summary>A problem found in a part of a file, at a line counted from the part's start.</summary>
internal sealed record LocalDiagnostic(long Line, string Code, string Message, int Column = 0);

/// <summary>
/// What reading one part of one file produces: sums per entity × account × period × commodity (ids local to the part),
/// the accounts it declares and uses, its diagnostics and counts. Postings are added and forgotten.
/// </summary>
internal sealed class ChunkAccumulator(int maxDiagnostics)
{
    public readonly ByteInterner Entities = new();
    public readonly ByteInterner Accounts = new();
    public readonly ByteInterner Commodities = new();

    private AccountCache? nameCache;

    /// <summary>
    /// The account names this accumulator's readers met recently (<see cref="AccountCache"/>): one table for every part
    /// the thread reads, emptied by <see cref="Reset"/>, rather than 128 KB made anew for each part.
    /// </summary>
    public AccountCache NameCache => nameCache ??= new();
    /// <summary>Cell key → index into <see cref="sums"/> and <see cref="cellKeys"/>.</summary>
    private readonly Dictionary<long, int> cells = new(64);
    private int cellCount;
    private ScaledAmount[] sums = new ScaledAmount[64];
    private long[] cellKeys = new long[64];

    // Per account id: the last cell key used and its index (postings of an account mostly repeat the same period).
    private long[] lastKey = new long[256];
    private int[] lastIndex = new int[256];

    /// <summary>Per account id: the line it is first used on, or 0 if it was only declared.</summary>
    public long[] FirstUse = new long[256];

    /// <summary>Per account id: how many postings use it.</summary>
    public long[] Uses = new long[256];

    /// <summary>Account ids declared with an <c>account</c> directive.</summary>
    public readonly HashSet<int> Declared = [];

    public List<LocalDiagnostic> Diagnostics = [];
    public long DiagnosticCount;
    public long Lines;
    public long Transactions;
    public long Postings;

    /// <summary>Set when the part boundary fell inside a block comment: the file is read again in one piece.</summary>
    public bool NeedsWholeFile;

    public void Report(long line, string code, string message, int column = 0)
    {
        DiagnosticCount++;
        if (Diagnostics.Count < maxDiagnostics)
        {
            Diagnostics.Add(new LocalDiagnostic(line, code, message, column));
        }
    }

    /// <summary>The id of an account named in a posting, noting where it is first used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public int UseAccount(ReadOnlySpan<byte> name, long line)
    {
        var id = Accounts.GetOrAdd(name, out var added);
        if (added)
        {
            NewAccount(id);
        }

        CountUse(id, line);
        return id;
    }

    /// <summary>Counts a use of the account <paramref name="id"/> (one that exists) at <paramref name="line"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountUse(int id, long line)
    {
        // Every account id has its entry in these arrays (NewAccount makes room), so no bounds checks.
        unchecked
        {
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(FirstUse), id);
            if (first == 0)
            {
                first = line;
            }

            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Uses), id)++;
        }
    }

    /// <summary>Counts a use of the account <paramref name="id"/>, whose first use is noted already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountRepeatUse(int id)
    {
        unchecked
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Uses), id)++; // a count of postings: far from 2^63
        }
    }

    public void Declare(ReadOnlySpan<byte> name)
    {
        var id = Accounts.GetOrAdd(name, out var added);
        if (added)
        {
            NewAccount(id);
        }

        Declared.Add(id);
    }

    private void NewAccount(int id)
    {
        if (id == FirstUse.Length)
        {
            Array.Resize(ref FirstUse, id * 2);
            Array.Resize(ref Uses, id * 2);
            Array.Resize(ref lastKey, id * 2);
            Array.Resize(ref lastIndex, id * 2);
        }

        FirstUse[id] = 0;
        Uses[id] = 0;
        lastKey[id] = -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static long Key(int entity, int account, int period, int commodity) => KeyOf(EntityAndPeriod(entity, period), account, commodity);

    /// <summary>A cell's key from its entity and period (<see cref="EntityAndPeriod"/>), account and commodity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long KeyOf(long entityAndPeriod, int account, int commodity) => entityAndPeriod | ((long)account << 32) | (long)commodity;

    public static (int Entity, int Account, int Period, int Commodity) Unpack(long key) =>
        ((int)(key >>> 54), (int)((key >> 32) & 0x3F_FFFF), (int)((key >> 12) & 0xF_FFFF), (int)(key & 0xFFF));

    /// <summary>The part of a cell's key that its entity and period make (<see cref="Key"/> with account and commodity 0).</summary>
    public static long EntityAndPeriod(int entity, int period) => ((long)entity << 54) | ((long)period << 12);

    /// <summary>Adds an amount to a cell, its entity and period given as <see cref="EntityAndPeriod"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void AddToCell(long entityAndPeriod, int account, int commodity, in ScaledAmount amount)
    {
        var key = KeyOf(entityAndPeriod, account, commodity);
        if (lastKey[account] == key)
        {
            sums[lastIndex[account]].Add(amount);
            return;
        }

        AddToCellSlow(key, account, amount);
    }

    /// <summary>
    /// Adds whole units with <paramref name="decimals"/> to a cell, its entity and period given as
    /// <see cref="EntityAndPeriod"/>, which a reader works out once per transaction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void AddUnitsToCell(long entityAndPeriod, int account, int commodity, long units, int decimals)
    {
        var key = KeyOf(entityAndPeriod, account, commodity);

        // An account's last key and index are set together (AddToCellSlow), the index to a cell that exists; the arrays
        // have an entry for every account id (NewAccount): no bounds checks.
        if (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lastKey), account) == key)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(sums), Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lastIndex), account)).AddUnits(units, decimals);
            return;
        }

        AddUnitsToNewCell(key, account, units, decimals);
    }

    /// <summary>Kept out of <see cref="AddUnitsToCell"/> so that its callers build no amount on their common path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddUnitsToNewCell(long key, int account, long units, int decimals) =>
        AddToCellSlow(key, account, ScaledAmount.FromUnits(units, decimals));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToCellSlow(long key, int account, in ScaledAmount amount)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(cells, key, out var exists);
        if (!exists)
        {
            index = cellCount++;
            if (index == sums.Length)
            {
                Array.Resize(ref sums, index * 2);
                Array.Resize(ref cellKeys, index * 2);
            }

            cellKeys[index] = key;
            sums[index] = default;
        }

        lastKey[account] = key;
        lastIndex[account] = index;
        sums[index].Add(amount);
    }

    /// <summary>How many cells have sums; they are numbered from 0.</summary>
    public int CellCount => cellCount;

    /// <summary>
    /// Makes the accumulator ready for the next part, keeping its tables: a reader thread reuses one accumulator for
    /// all the parts it reads, so reading allocates nothing per part. The diagnostics list is replaced, not cleared
    /// (the part that was read keeps it).
    /// </summary>
    public void Reset()
    {
        Entities.Clear();
        Accounts.Clear();
        Commodities.Clear();
        nameCache?.Forget();
        cells.Clear();
        cellCount = 0;
        Declared.Clear();
        if (Diagnostics.Count > 0)
        {
            Diagnostics = [];
        }

        DiagnosticCount = 0;
        Lines = 0;
        Transactions = 0;
        Postings = 0;
        NeedsWholeFile = false;
    }


    /// <summary>The key of a cell (see <see cref="Key"/>), by its number.</summary>
    public long CellKey(int index) => cellKeys[index];

    /// <summary>The sum of a cell, by its number.</summary>
    public ref readonly ScaledAmount Sum(int index) => ref sums[index];

    /// <summary>True when the ids fit the packed cell key (about 1,000 entities, 4 million accounts and 4,000 commodities per part).</summary>
    public bool IdsFit => Entities.Count <= 1023 && Accounts.Count <= 0x3F_FFFF && Commodities.Count <= 0xFFF;
}

/// <summary>
/// The running balance of the transaction being read, per commodity, and its one posting without an amount if any.
/// </summary>
internal sealed class TransactionBalance
{
    /// <summary>What keeps the transaction from balancing, one phrase per currency ("debits exceed credits by JPY 1,000").</summary>
    public List<string> Imbalances(ByteInterner commodityNames)
    {
        var parts = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            if (!IsSettled(i))
            {
                var v = SumAt(i).Value;
                var name = commodityNames[CommodityAt(i)];
                parts.Add(v > 0
                    ? $"debits exceed credits by {JournalChunkReader.FormatAmount(v, name)}"
                    : $"credits exceed debits by {JournalChunkReader.FormatAmount(-v, name)}");
            }
        }

        return parts;
    }

    private int[] commodities = new int[4];
    private ScaledAmount[] sums = new ScaledAmount[4];
    private bool[] priced = new bool[4];

    public int Count { get; private set; }

    public bool AnyPriced { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear()
    {
        Count = 0;
        AnyPriced = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void Add(int commodity, in ScaledAmount amount, bool isPrice = false)
    {
        for (var i = 0; i < Count; i++)
        {
            if (commodities[i] == commodity)
            {
                sums[i].Add(amount);
                priced[i] |= isPrice;
                AnyPriced |= isPrice;
                return;
            }
        }

        if (Count == commodities.Length)
        {
            Array.Resize(ref commodities, Count * 2);
            Array.Resize(ref sums, Count * 2);
            Array.Resize(ref priced, Count * 2);
        }

        commodities[Count] = commodity;
        sums[Count] = amount;
        priced[Count] = isPrice;
        AnyPriced |= isPrice;
        Count++;
    }

    public int CommodityAt(int i) => commodities[i];

    /// <summary>Adds plain whole units (no price) in a commodity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void AddUnits(int commodity, long units, int decimals)
    {
        // The arrays always have room for one (they start with four entries): the first posting of a transaction, and
        // the next ones in its first commodity, without a loop.
        if (Count == 0)
        {
            MemoryMarshal.GetArrayDataReference(commodities) = commodity;
            MemoryMarshal.GetArrayDataReference(sums) = ScaledAmount.FromUnits(units, decimals);
            MemoryMarshal.GetArrayDataReference(priced) = false;
            Count = 1;
            return;
        }

        if (MemoryMarshal.GetArrayDataReference(commodities) == commodity)
        {
            MemoryMarshal.GetArrayDataReference(sums).AddUnits(units, decimals);
            return;
        }

        AddUnitsSlow(commodity, units, decimals);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddUnitsSlow(int commodity, long units, int decimals) => Add(commodity, ScaledAmount.FromUnits(units, decimals));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ref ScaledAmount SumAt(int i) => ref sums[i];

    /// <summary>
    /// Zero within the precision written: exact for plain amounts; for a commodity reached through a price, within
    /// half a unit of the most decimals written in that commodity (as ledger-cli does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsSettled(int i)
    {
        ref var s = ref sums[i];
        if (s.IsZero)
        {
            return true;
        }

        if (!priced[i])
        {
            return false;
        }

        var tolerance = 0.5m;
        for (var d = 0; d < s.Decimals; d++)
        {
            tolerance /= 10m;
        }

        return Math.Abs(s.Value) < tolerance;
    }
}
