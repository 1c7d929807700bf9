namespace Outreach.Core.Enrollment;

/// <summary>
/// The owners who asked Outreach to stop analysing their mailbox. Kept apart from everything erasure deletes
/// (erasing is what the opt-out asks for; the record of the request must survive it), and holding only the
/// normalized address and when.
/// </summary>
public interface IEnrollmentOptOutStore
{
    Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Every opted-out mailbox, normalized.</summary>
    Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opts the mailbox out (true: insert-if-absent) or re-enrols it (false: delete); returns whether anything
    /// changed. Each is one conditional write, so two callers at once change it once.
    /// </summary>
    Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken);
}
