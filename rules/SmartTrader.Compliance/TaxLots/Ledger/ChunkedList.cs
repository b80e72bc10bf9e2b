namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>
/// An append-only list of plain structs in fixed-size chunks: growing never copies what is stored, and the garbage
/// collector has nothing to trace in it, however many millions of entries it holds. Chunks are not cleared when
/// allocated; each entry is, when added.
/// </summary>
internal sealed class ChunkedList<T> where T : unmanaged
{
    private const int ChunkBits = 13;
    private const int ChunkSize = 1 << ChunkBits;
    private const int Mask = ChunkSize - 1;

    private T[][] _chunks = [new T[16]];

    public int Count { get; private set; }

    public ref T this[int index] => ref _chunks[index >> ChunkBits][index & Mask];

    public int Add(in T item)
    {
        ref var slot = ref AddSlot(out var index);
        slot = item;
        return index;
    }

    /// <summary>Adds a zeroed entry to fill in place.</summary>
    public ref T AddSlot(out int index)
    {
        var chunk = Count >> ChunkBits;
        if (chunk == _chunks.Length)
            Array.Resize(ref _chunks, _chunks.Length * 2);
        if (_chunks[chunk] is null)
            _chunks[chunk] = GC.AllocateUninitializedArray<T>(ChunkSize);
        else if (chunk == 0 && Count == _chunks[0].Length)
            Array.Resize(ref _chunks[0], Math.Min(ChunkSize, Count * 2));
        index = Count++;
        ref var slot = ref _chunks[chunk][index & Mask];
        slot = default;
        return ref slot;
    }
}
