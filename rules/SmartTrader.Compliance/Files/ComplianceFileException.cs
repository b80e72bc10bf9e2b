namespace SmartTrader.Compliance.Files;

/// <summary>A compliance input file that cannot be read as written: where (file, line, column), which field, and why.</summary>
public sealed class ComplianceFileException(string file, long line, long column, string field, string problem)
    : Exception($"{file}:{line}:{column}: {field}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
