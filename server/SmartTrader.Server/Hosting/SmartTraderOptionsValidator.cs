using Microsoft.Extensions.Options;
using SmartTrader.Server.Identity;

namespace SmartTrader.Server.Hosting;

internal sealed class SmartTraderOptionsValidator(IConfiguration configuration) : IValidateOptions<SmartTraderOptions>
{
    public const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, SmartTraderOptions options)
    {
        var failures = new List<string>();
        if (options.Storage == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add("PostgreSQL storage needs a connection string: --connection or SmartTrader:ConnectionString.");
        if (options.Cluster && options.Storage != StorageProvider.Postgres)
            failures.Add("A cluster (--cluster or SmartTrader:Cluster=true) keeps its grain state and membership in PostgreSQL: " +
                         "add --storage postgres --connection <connection string> (SmartTrader:Storage=Postgres).");

        var admin = options.Auth.BootstrapAdmin;
        if (!options.IsEmbedded && !admin.IsConfigured)
            failures.Add(
                $"{(options.Storage == StorageProvider.Postgres ? "PostgreSQL storage" : $"Mode {options.Mode}")} runs without demo users, so a bootstrap " +
                "administrator is required: set SmartTrader:Auth:BootstrapAdmin:UserName and SmartTrader:Auth:BootstrapAdmin:Password " +
                "(environment: SmartTrader__Auth__BootstrapAdmin__UserName / __Password).");
        if (admin.IsConfigured)
        {
            if (!UserNames.IsValid(UserNames.Normalize(admin.UserName!)))
                failures.Add($"SmartTrader:Auth:BootstrapAdmin:UserName must be {UserNames.Rule}.");
            if (admin.Password!.Length < MinimumPasswordLength)
                failures.Add($"SmartTrader:Auth:BootstrapAdmin:Password must have at least {MinimumPasswordLength} characters.");
        }

        if (options.Auth.LoginAttemptsPerMinute < 1)
            failures.Add("SmartTrader:Auth:LoginAttemptsPerMinute must be at least 1.");
        if (options.Auth.AccessCacheDuration < TimeSpan.Zero || options.Auth.AccessCacheDuration > TimeSpan.FromMinutes(1))
            failures.Add("SmartTrader:Auth:AccessCacheDuration must be between 00:00:00 and 00:01:00.");

        if (options.IsEmbedded && ListenUrls().FirstOrDefault(url => !IsLoopback(url)) is { } exposed)
            failures.Add($"Embedded mode uses fixed demo passwords and binds to loopback only, but '{exposed}' is not a loopback address. " +
                         "Use SmartTrader:Mode=Production with a bootstrap administrator to listen publicly.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(SmartTraderOptions options, IConfiguration configuration)
    {
        var result = new SmartTraderOptionsValidator(configuration).Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(SmartTraderOptions.Section, typeof(SmartTraderOptions), result.Failures);
    }

    /// <summary>Every address the server will listen on: "urls" and any Kestrel endpoint, which takes precedence.</summary>
    private IEnumerable<string> ListenUrls() =>
        (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>());

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost");
}
