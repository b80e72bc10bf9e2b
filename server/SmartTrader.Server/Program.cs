using SmartTrader.Server.Cli;

return await CliApp.RunAsync(args);

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
