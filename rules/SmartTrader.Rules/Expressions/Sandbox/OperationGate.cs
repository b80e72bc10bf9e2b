using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SmartTrader.Rules.Expressions.Sandbox;

/// <summary>
/// The semantic pass: every member, constructor, operator and value type an expression refers to must be on the
/// allow-list. Reports operations that did not bind (compile errors) separately, so names can be corrected.
/// </summary>
internal sealed class OperationGate(SandboxPolicy policy)
{
    public void Check(IOperation root, List<SandboxViolation> violations, List<IOperation> invalid)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvalidOperation || operation.Type is IErrorTypeSymbol)
            {
                invalid.Add(operation);
                continue;
            }
            var refusal = Refusal(operation);
            if (refusal is not null) violations.Add(new SandboxViolation(operation.Syntax.Span, refusal));
        }
    }

    private string? Refusal(IOperation operation)
    {
        switch (operation)
        {
            case IInstanceReferenceOperation { IsImplicit: true }:
                return null; // the generated scope behind a bare input or param name; an explicit 'this' is refused below
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation
                or IDynamicIndexerAccessOperation:
                return "dynamic is not allowed in rule expressions";
            case ITypeOfOperation or ISizeOfOperation or INameOfOperation or IAddressOfOperation or IEventReferenceOperation:
                return $"{operation.Kind} is not allowed in rule expressions";
            case IInvocationOperation call when !policy.IsAllowed(call.TargetMethod):
                return NotAllowed(call.TargetMethod);
            case IObjectCreationOperation creation when creation.Constructor is { } constructor && !policy.IsAllowed(constructor):
                return NotAllowed(constructor);
            case IPropertyReferenceOperation property when !policy.IsAllowed(property.Property):
                return NotAllowed(property.Property);
            case IFieldReferenceOperation field when !IsLocalScaffolding(field.Field) && !policy.IsAllowed(field.Field):
                return NotAllowed(field.Field);
            case IMethodReferenceOperation method when !policy.IsAllowed(method.Method):
                return NotAllowed(method.Method);
            case IBinaryOperation { OperatorMethod: { } op } when !policy.IsAllowed(op):
                return NotAllowed(op);
            case IUnaryOperation { OperatorMethod: { } op } when !policy.IsAllowed(op):
                return NotAllowed(op);
            case IConversionOperation { OperatorMethod: { } op } when !policy.IsAllowed(op):
                return NotAllowed(op);
        }
        if (operation.Type is { } type && !policy.IsAllowed(type))
            return $"values of type '{type.ToDisplayString()}' are not allowed in rule expressions";
        return null;
    }

    private static bool IsLocalScaffolding(IFieldSymbol field) =>
        field.ContainingType?.ContainingNamespace?.ToDisplayString() == GeneratedCode.Namespace;

    private static string NotAllowed(ISymbol symbol) =>
        $"'{symbol.ContainingType?.ToDisplayString()}.{symbol.Name}' is not allowed in rule expressions: only the inputs, " +
        "primitives, string, decimal, dates and times, Math, LINQ over the inputs and the rule helper functions are";
}
