namespace SmartTrader.Server.ComplianceCli;

/// <summary>Input the compliance verbs cannot work with (a file, the rules, an option): printed in one line, exit 2.</summary>
internal sealed class ComplianceCliException(string message) : Exception(message);
