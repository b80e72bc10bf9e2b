namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>A first-in, first-out queue that can be read by position from the front.</summary>
internal sealed class RingQueue<T>
{
    private T[] _items = new T[4];
    private int _head;

    public int Count { get; private set; }

    public ref T this[int index] => ref _items[(_head + index) % _items.Length];

    public ref T Peek() => ref _items[_head];

    public void Enqueue(T item)
    {
        if (Count == _items.Length)
            Grow();
        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public void Dequeue()
    {
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (var i = 0; i < Count; i++)
            bigger[i] = this[i];
        _items = bigger;
        _head = 0;
    }
}
