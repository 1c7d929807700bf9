namespace Outreach.Core.Sources;

/// <summary>
/// A change feed handed back a page link it had already given in the same sync round, so following it would
/// loop forever (reported for Graph's calendarView/delta: msgraph-sdk-dotnet#3070, #3082). The scanner
/// answers by starting that feed over once; a second loop fails the scan with <see cref="Message"/>.
/// </summary>
public sealed class RepeatedPageLinkException(string stream, string message) : Exception(message)
{
    public string Stream { get; } = stream;
}
