using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmartTrader.Rules.Expressions.Sandbox;

/// <summary>
/// The first, purely syntactic pass: forms an expression may not use at all, whatever they refer to.
/// An expression is a value computed from the inputs — nothing in it may assign, declare, wait or leave managed code.
/// </summary>
internal static class SyntaxGate
{
    public static IEnumerable<SandboxViolation> Check(ExpressionSyntax expression)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            var reason = Refusal(node);
            if (reason is not null) yield return new SandboxViolation(node.Span, reason);
        }
        foreach (var token in expression.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.UnsafeKeyword) || token.IsKind(SyntaxKind.FixedKeyword))
                yield return new SandboxViolation(token.Span, "unsafe code is not allowed in rule expressions");
        }
    }

    private static string? Refusal(SyntaxNode node) => node switch
    {
        TypeOfExpressionSyntax => "typeof is not allowed in rule expressions: types are reflection's way in",
        SizeOfExpressionSyntax => "sizeof is not allowed in rule expressions",
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => "nameof is not allowed in rule expressions",
        RefTypeExpressionSyntax or RefValueExpressionSyntax or MakeRefExpressionSyntax or RefExpressionSyntax
            => "typed references are not allowed in rule expressions",
        PointerTypeSyntax or FunctionPointerTypeSyntax or StackAllocArrayCreationExpressionSyntax
            or ImplicitStackAllocArrayCreationExpressionSyntax => "pointers and stackalloc are not allowed in rule expressions",
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression or (int)SyntaxKind.PointerIndirectionExpression }
            => "pointers are not allowed in rule expressions",
        AssignmentExpressionSyntax => "assignment is not allowed in rule expressions: rules read their inputs, never change them",
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
            or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
            => "++ and -- are not allowed in rule expressions: rules read their inputs, never change them",
        AwaitExpressionSyntax => "await is not allowed in rule expressions",
        ThrowExpressionSyntax => "throw is not allowed in rule expressions",
        DeclarationExpressionSyntax => "declaring variables is not allowed in rule expressions; use LocalParams",
        AnonymousMethodExpressionSyntax => "anonymous methods are not allowed in rule expressions; use a lambda with an expression body",
        LambdaExpressionSyntax { Block: not null } => "lambdas with statement bodies are not allowed in rule expressions; use an expression body",
        LambdaExpressionSyntax { AttributeLists.Count: > 0 } => "attributes are not allowed in rule expressions",
        QueryExpressionSyntax => "query syntax is not allowed in rule expressions; use LINQ methods with lambdas",
        CollectionExpressionSyntax => "collection expressions are not allowed in rule expressions; use new[] { ... }",
        ArrayCreationExpressionSyntax { Type.RankSpecifiers: var ranks } when ranks.Any(r => r.Sizes.Any(s => s is not OmittedArraySizeExpressionSyntax))
            => "arrays may only be created from a list of values in rule expressions",
        ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } => "ref and out arguments are not allowed in rule expressions",
        IdentifierNameSyntax { Identifier.ValueText: "__arglist" or "__makeref" or "__reftype" or "__refvalue" } => "undocumented keywords are not allowed in rule expressions",
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.ArgListExpression } => "__arglist is not allowed in rule expressions",
        _ => null,
    };
}
