using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>Fails validation of <typeparamref name="TOptions"/> with each problem its own sentence, so start-up says what to fix.</summary>
internal sealed class OptionsProblems<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
