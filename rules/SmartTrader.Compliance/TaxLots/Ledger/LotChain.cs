namespace SmartTrader.Compliance.TaxLots.Ledger;

/// <summary>The open lots of one position and direction, oldest first: first in, first out closes from the head.</summary>
internal sealed class LotChain
{
    public LotPart? Head { get; private set; }
    public LotPart? Tail { get; private set; }

    /// <summary>Units held across the chain.</summary>
    public decimal Quantity { get; set; }

    public void Append(LotPart part)
    {
        part.Previous = Tail;
        part.Next = null;
        if (Tail is null) Head = part; else Tail.Next = part;
        Tail = part;
        part.InChain = true;
        Quantity += part.Quantity;
    }

    /// <summary>Puts a part split off <paramref name="anchor"/> right behind it; the units move, the total stays.</summary>
    public void InsertAfter(LotPart anchor, LotPart part)
    {
        part.Previous = anchor;
        part.Next = anchor.Next;
        if (anchor.Next is null) Tail = part; else anchor.Next.Previous = part;
        anchor.Next = part;
        part.InChain = true;
    }

    public void Remove(LotPart part)
    {
        if (part.Previous is null) Head = part.Next; else part.Previous.Next = part.Next;
        if (part.Next is null) Tail = part.Previous; else part.Next.Previous = part.Previous;
        part.Previous = part.Next = null;
        part.InChain = false;
    }
}
