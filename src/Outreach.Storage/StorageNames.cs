using Outreach.Core.Pipeline;

namespace Outreach.Storage;

/// <summary>
/// Every table and queue name the app uses, in one place. Queue names are Core's
/// (<see cref="QueueNames"/>), because the Functions' queue triggers name them too.
/// </summary>
public static class StorageNames
{
    /// <summary>The Functions host's storage setting, used for the app's own data as well.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Mailbox state: a head row and compressed chunk rows per mailbox (partition).</summary>
    public const string StateTable = "OutreachState";

    /// <summary>Scan records: one partition (and one row, "scan") per scan id.</summary>
    public const string ScanTable = "OutreachScans";

    /// <summary>Evaluated contacts: one partition per mailbox, one row per contact address.</summary>
    public const string ContactTable = "OutreachContacts";

    /// <summary>The invitation ledger: one partition per mailbox, one row per contact (its latest invitation).</summary>
    public const string InvitationTable = "OutreachInvitations";

    /// <summary>Do-not-contact lists: one partition per mailbox, one row per entry (an address or "@domain").</summary>
    public const string SuppressionTable = "OutreachSuppressions";

    /// <summary>Weekly digests: one partition per mailbox; a row per ISO week, the opt-out, and one per snoozed contact.</summary>
    public const string DigestTable = "OutreachDigests";

    /// <summary>Erasure generations: one partition per mailbox (a hash of its address), one row "generation".</summary>
    public const string ErasureTable = "OutreachErasures";

    /// <summary>Mailbox locks (one writer per mailbox): one partition per mailbox (a hash of its address), one row "lock".</summary>
    public const string LockTable = "OutreachLocks";

    /// <summary>Enrollment opt-outs: one partition, one row per opted-out mailbox. Erasure leaves it alone on purpose.</summary>
    public const string OptOutTable = "OutreachOptOuts";

    /// <summary>Imported touchpoints (LinkedIn exports): one partition per mailbox, one row per contact with its messages packed.</summary>
    public const string ImportTable = "OutreachImports";

    public const string HarvestQueue = QueueNames.Harvest;

    public const string EvaluateQueue = QueueNames.Evaluate;
}
