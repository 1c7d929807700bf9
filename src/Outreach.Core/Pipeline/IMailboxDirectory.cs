namespace Outreach.Core.Pipeline;

/// <summary>Which mailboxes the weekly run scans.</summary>
public interface IMailboxDirectory
{
    /// <summary>The mailboxes in scope, normalized, each once.</summary>
    Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken);
}
