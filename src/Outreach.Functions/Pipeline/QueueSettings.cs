namespace Outreach.Functions.Pipeline;

/// <summary>
/// The queue settings the code relies on; host.json ("extensions.queues") must say the same, and a test
/// checks that it does.
/// </summary>
public static class QueueSettings
{
    /// <summary>
    /// Deliveries before the host moves a message to "-poison". Five: a throttled mailbox gets four more
    /// tries (each after the visibility timeout) before its scan is marked failed.
    /// </summary>
    public const int MaxDequeueCount = 5;

    /// <summary>The storage connection (app setting prefix) the triggers use: the host's own account.</summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>The app setting holding the weekly run's NCRONTAB schedule.</summary>
    public const string WeeklyScheduleSetting = "OUTREACH_WEEKLY_SCHEDULE";

    /// <summary>Monday 06:00 UTC, the default of <see cref="WeeklyScheduleSetting"/>.</summary>
    public const string DefaultWeeklySchedule = "0 0 6 * * 1";
}
