using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SmartTrader.Server.Api;

/// <summary>Collects field errors; the ProblemDetails detail repeats them as one sentence list.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public Validation Check(bool valid, string field, string message)
    {
        if (!valid) Add(field, message);
        return this;
    }

    public Validation Required(object? value, string field)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text)) Add(field, $"{field} is required.");
        return this;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            detail: string.Join(" ", _errors.SelectMany(e => e.Value)),
            title: "The request is invalid.");

    public static ValidationProblem Single(string field, string message) => new Validation().Check(false, field, message).ToProblem();

    private void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
    }
}

internal static partial class Identifiers
{
    public const string AccountRule = "1 to 64 characters: letters, digits, '_' or '-'";
    public const string ClientOrderIdRule = "1 to 64 characters: letters, digits, '.', ':', '_' or '-'";

    public static bool IsAccountId(string? value) => value is not null && AccountId().IsMatch(value);

    public static bool IsClientOrderId(string? value) => value is not null && ClientOrderId().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[A-Za-z0-9.:_-]{1,64}$")]
    private static partial Regex ClientOrderId();
}
