using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Tests.Compilation;

public sealed class InliningFlagsTests
{
    [Fact]
    public void Only_the_named_methods_are_marked_and_the_image_still_loads_and_runs()
    {
        var compilation = CSharpCompilation.Create("Marked",
            [CSharpSyntaxTree.ParseText("public class C { public bool A() => true; public bool B() => false; public int D(int x) => x + 1; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        compilation.Emit(stream).Success.Should().BeTrue();
        var image = stream.ToArray();

        InliningFlags.Mark(image, new HashSet<string> { "A", "D" });

        var type = new AssemblyLoadContext("marked", isCollectible: true).LoadFromStream(new MemoryStream(image)).GetType("C")!;
        MethodImplAttributes FlagsOf(string method) => type.GetMethod(method)!.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining;
        FlagsOf("A").Should().Be(MethodImplAttributes.AggressiveInlining);
        FlagsOf("D").Should().Be(MethodImplAttributes.AggressiveInlining);
        FlagsOf("B").Should().Be((MethodImplAttributes)0);
        type.GetMethod("D")!.Invoke(Activator.CreateInstance(type), [41]).Should().Be(42);
    }
}
