using System.Globalization;

namespace Outreach.Benchmarks;

/// <summary>Command-line options of the orchestrator; the defaults are the run the README's table comes from.</summary>
internal sealed record BenchSettings
{
    /// <summary>Mailbox sizes (messages) for our full scan and its rerun.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000, 300_000, 1_000_000];

    /// <summary>Sizes at which the naive SDK baseline runs too.</summary>
    public IReadOnlyList<int> NaiveSizes { get; init; } = [10_000, 100_000, 300_000];

    /// <summary>Sizes at which paging-only runs (the floor our full scan's wall time is compared with).</summary>
    public IReadOnlyList<int> PagingSizes { get; init; } = [100_000];

    public int Contacts { get; init; } = 3000;
    public int Events { get; init; } = 10_000;
    public int Classify { get; init; } = 1_000_000;
    public string OutDir { get; init; } = Path.GetFullPath("bench/results");

    /// <summary>Storage connection string for the fan-out (Azurite); none: the fan-out is skipped and its goals missed.</summary>
    public string? Storage { get; init; }

    public int FanOutMailboxes { get; init; } = 200;
    public int FanOutMessages { get; init; } = 400;
    public int FanOutEvents { get; init; } = 50;
    public int FanOutPageSize { get; init; } = 100;
    public int ThrottleEvery { get; init; } = 10;

    /// <summary>The whole run (build excluded) must fit in this.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(10);

    public static BenchSettings Parse(string[] args)
    {
        var defaults = new BenchSettings();
        return new BenchSettings
        {
            Sizes = Ints(args, "--messages") ?? defaults.Sizes,
            NaiveSizes = Ints(args, "--naive") ?? defaults.NaiveSizes,
            PagingSizes = Ints(args, "--paging") ?? defaults.PagingSizes,
            Contacts = Ints(args, "--contacts")?[0] ?? defaults.Contacts,
            Events = Ints(args, "--events")?[0] ?? defaults.Events,
            Classify = Ints(args, "--classify")?[0] ?? defaults.Classify,
            OutDir = Path.GetFullPath(Option(args, "--out") ?? defaults.OutDir),
            Storage = Option(args, "--storage") ?? (Environment.GetEnvironmentVariable("OUTREACH_TEST_STORAGE") is { Length: > 0 } s ? s : null),
            FanOutMailboxes = Ints(args, "--fanout")?[0] ?? defaults.FanOutMailboxes,
            FanOutMessages = Ints(args, "--fanout-messages")?[0] ?? defaults.FanOutMessages,
            FanOutPageSize = Ints(args, "--fanout-page-size")?[0] ?? defaults.FanOutPageSize,
            ThrottleEvery = Ints(args, "--throttle-every")?[0] ?? defaults.ThrottleEvery,
        };
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A comma-separated list of integers; "0" or "none" for an empty list.</summary>
    private static int[]? Ints(string[] args, string name) => Option(args, name) is not { } value
        ? null
        : value is "none"
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0)];
}
