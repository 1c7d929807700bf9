namespace Outreach.Core.Imports.LinkedIn;

/// <summary>Why an export could not be read at all (a bad row is skipped and counted instead).</summary>
public enum LinkedInExportError
{
    /// <summary>The file is neither a zip archive nor a folder, or the zip is corrupt.</summary>
    NotAnExport,
    /// <summary>Neither messages.csv nor Connections.csv is in the export.</summary>
    NoExportFiles,
    /// <summary>Too many entries, or more bytes than the caps allow once uncompressed (a zip bomb, or not an export).</summary>
    TooLarge,
    /// <summary>A file is there but unusable as a whole: no header row, a required column missing, not UTF-8 CSV.</summary>
    Malformed,
    /// <summary>The export's own profile could not be told apart from the people it talks to.</summary>
    OwnerUnknown,
}

/// <summary>
/// An export that cannot be imported, with a message naming the file (and the line, where there is one) so the
/// person who downloaded it knows what to fix. The CLI prints it; the HTTP route answers it as a 400 problem.
/// </summary>
public sealed class LinkedInExportException(LinkedInExportError error, string message, string? file = null, long? line = null)
    : Exception(Describe(message, file, line))
{
    public LinkedInExportError Error { get; } = error;

    /// <summary>The file inside the export (as named there), when the problem is in one.</summary>
    public string? File { get; } = file;

    /// <summary>The 1-based line of <see cref="File"/>, when the problem is on one.</summary>
    public long? Line { get; } = line;

    private static string Describe(string message, string? file, long? line) =>
        file is null ? message : line is null ? $"{file}: {message}" : $"{file}, line {line}: {message}";
}
