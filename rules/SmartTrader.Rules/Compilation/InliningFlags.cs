using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace SmartTrader.Rules.Compilation;

/// <summary>
/// Marks methods of an emitted image for aggressive inlining by setting the flag in its method table: the bit a
/// <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> attribute compiles to, without Roslyn binding one
/// attribute per rule (a tenth of a large workflow's compile).
/// </summary>
internal static class InliningFlags
{
    /// <summary>A MethodDef row starts with the body's RVA (4 bytes), then the implementation flags (2 bytes).</summary>
    private const int ImplFlagsOffsetInRow = 4;

    public static void Mark(byte[] image, IReadOnlySet<string> methods)
    {
        if (methods.Count == 0) return;
        using var pe = new PEReader(ImmutableCollectionsMarshal.AsImmutableArray(image));
        var reader = pe.GetMetadataReader();
        var table = pe.PEHeaders.MetadataStartOffset + reader.GetTableMetadataOffset(TableIndex.MethodDef);
        var rowSize = reader.GetTableRowSize(TableIndex.MethodDef);
        foreach (var handle in reader.MethodDefinitions)
        {
            if (!methods.Contains(reader.GetString(reader.GetMethodDefinition(handle).Name))) continue;
            var flags = image.AsSpan(table + (MetadataTokens.GetRowNumber(handle) - 1) * rowSize + ImplFlagsOffsetInRow, sizeof(ushort));
            BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) | (ushort)MethodImplAttributes.AggressiveInlining));
        }
    }
}
