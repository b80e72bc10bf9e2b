using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>Writes a silo's log lines to the test's output, prefixed with the silo; lines after the test ended are dropped.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output, string prefix) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, prefix, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string prefix, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{prefix}] {logLevel} {category}: {formatter(state, exception)}" +
                    (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})"));
            }
            catch (InvalidOperationException)
            {
                // The test has finished; xunit refuses further output.
            }
        }
    }
}
