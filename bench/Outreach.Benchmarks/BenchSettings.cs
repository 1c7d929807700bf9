using System.Globalization;

namespace Outreach.Benchmarks;

/// <summary>Command-line options of the orchestrator; the defaults are the run the README's table comes from.</summary>
internal sealed record BenchSettings
{
    /// <summary>Mailbox sizes (messages) for our full scan and its rerun.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000, 1_000_000];

    /// <summary>Sizes at which the naive SDK baseline runs too.</summary>
    public IReadOnlyList<int> NaiveSizes { get; init; } = [10_000, 100_000];

    /// <summary>Sizes at which paging-only runs (the floor our full scan's wall time is compared with).</summary>
    public IReadOnlyList<int> PagingSizes { get; init; } = [100_000];

    /// <summary>Run after everything else, each only if its projected time still fits <see cref="Budget"/>.</summary>
    public IReadOnlyList<(string Scenario, int Messages)> Extras { get; init; } = [("paging-only", 1_000_000), ("naive", 1_000_000)];

    public int Contacts { get; init; } = 3000;
    public int Events { get; init; } = 10_000;
    public int Classify { get; init; } = 1_000_000;
    public string OutDir { get; init; } = Path.GetFullPath("bench/results");

    /// <summary>Storage connection string for the fan-out (Azurite); none: the fan-out is skipped and its goals missed.</summary>
    public string? Storage { get; init; }

    public int FanOutMailboxes { get; init; } = 200;
    // Small mailboxes with small pages: each makes 6 requests over its three feeds (3 + 2 + 1 pages), so the
    // run is about concurrency and throttling, not volume (volume is the single-mailbox scenarios' job).
    public int FanOutMessages { get; init; } = 100;
    public int FanOutEvents { get; init; } = 20;
    public int FanOutPageSize { get; init; } = 25;
    public int ThrottleEvery { get; init; } = 10;

    /// <summary>Of the fan-out's mailboxes, how many also get two on-demand scans at once (two harvests in parallel).</summary>
    public int FanOutOnDemand { get; init; } = 10;

    /// <summary>
    /// What the orchestrator may spend (build excluded): 9 of the 10 minutes, leaving one for an
    /// incremental build and Azurite's start. Extras are skipped to stay inside it.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(9);

    public static BenchSettings Parse(string[] args)
    {
        var defaults = new BenchSettings();
        return new BenchSettings
        {
            Sizes = Ints(args, "--messages") ?? defaults.Sizes,
            NaiveSizes = Ints(args, "--naive") ?? defaults.NaiveSizes,
            PagingSizes = Ints(args, "--paging") ?? defaults.PagingSizes,
            Contacts = Int(args, "--contacts") ?? defaults.Contacts,
            Events = Int(args, "--events") ?? defaults.Events,
            Classify = Int(args, "--classify") ?? defaults.Classify,
            OutDir = Path.GetFullPath(Option(args, "--out") ?? defaults.OutDir),
            Storage = Option(args, "--storage") ?? (Environment.GetEnvironmentVariable("OUTREACH_TEST_STORAGE") is { Length: > 0 } s ? s : null),
            FanOutMailboxes = Int(args, "--fanout") ?? defaults.FanOutMailboxes,
            FanOutMessages = Int(args, "--fanout-messages") ?? defaults.FanOutMessages,
            FanOutPageSize = Int(args, "--fanout-page-size") ?? defaults.FanOutPageSize,
            ThrottleEvery = Int(args, "--throttle-every") ?? defaults.ThrottleEvery,
            FanOutEvents = Int(args, "--fanout-events") ?? defaults.FanOutEvents,
            FanOutOnDemand = Int(args, "--fanout-on-demand") ?? defaults.FanOutOnDemand,
            Budget = Int(args, "--budget") is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Budget,
            Extras = Option(args, "--extras") is { } extras
                ? [.. extras.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(e => e != "none").Select(e => e.Split('@')).Select(p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture)))]
                : defaults.Extras,
        };
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int? Int(string[] args, string name) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>A comma-separated list of integers; "0" or "none" for an empty list.</summary>
    private static int[]? Ints(string[] args, string name) => Option(args, name) is not { } value
        ? null
        : value is "none"
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0)];
}
