using System.Text;

namespace SmartTrader.Server.Api;

/// <summary>
/// Reads a request body that is a rules document, as text: it is parsed by the rules reader, so a mistake is reported
/// with the line and column of the document as the user wrote it.
/// </summary>
internal static class RulesDocumentBody
{
    public const int MaxCharacters = 1_000_000;

    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the rules document as JSON, with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        if (request.ContentLength > MaxCharacters * 4L) throw TooLarge();

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxCharacters) throw TooLarge();
        }
        if (text.Length == 0) throw new BadHttpRequestException("The request body must be a rules document: one workflow or an array of them.");
        return text.ToString();
    }

    private static BadHttpRequestException TooLarge() =>
        new($"A rules document may have at most {MaxCharacters:N0} characters.", StatusCodes.Status413PayloadTooLarge);
}
