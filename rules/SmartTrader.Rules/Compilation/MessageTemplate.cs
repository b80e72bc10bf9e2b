namespace SmartTrader.Rules.Compilation;

/// <summary>An ErrorMessage split into literal text and <c>$(expression)</c> placeholders (parentheses may nest).</summary>
internal sealed record MessageTemplate(IReadOnlyList<MessageTemplate.Part> Parts)
{
    /// <summary>Literal text, or a placeholder whose <see cref="Text"/> is the whole <c>$(...)</c> as written.</summary>
    public sealed record Part(string Text, string? Placeholder);

    public bool HasPlaceholders => Parts.Any(p => p.Placeholder is not null);

    public static MessageTemplate Parse(string? message)
    {
        var parts = new List<Part>();
        if (string.IsNullOrEmpty(message)) return new MessageTemplate(parts);
        var literalStart = 0;
        var i = 0;
        while (i < message.Length - 1)
        {
            if (message[i] != '$' || message[i + 1] != '(') { i++; continue; }
            var end = ClosingParenthesis(message, i + 1);
            if (end < 0) break;
            if (i > literalStart) parts.Add(new Part(message[literalStart..i], null));
            parts.Add(new Part(message[i..(end + 1)], message[(i + 2)..end]));
            i = literalStart = end + 1;
        }
        if (literalStart < message.Length) parts.Add(new Part(message[literalStart..], null));
        return new MessageTemplate(parts);
    }

    private static int ClosingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }
}
