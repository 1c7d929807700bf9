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

    /// <summary>Sparse contacts added to every generated mailbox (issue 11: only reply 100–170 days old, low volume).</summary>
    public int Sparse { get; init; } = 200;

    /// <summary>The loopback server's cap on a filtered message delta (messages per folder, newest); 0: off.</summary>
    public int DeltaCap { get; init; } = 5000;

    /// <summary>Issue 11's real-latency run: mailbox size (0: skip), server latency, how long the naive client is sampled.</summary>
    public int LatencyMessages { get; init; } = 100_000;
    public int LatencyMs { get; init; } = 150;
    public int NaiveSampleSeconds { get; init; } = 30;

    /// <summary>Issue 11's tenant: mailboxes (0: skip), size range, how many hold 100k messages, sparse contacts each.</summary>
    public int Tenant { get; init; } = 1000;
    public int TenantMin { get; init; } = 100;
    public int TenantMax { get; init; } = 20_000;
    public int TenantLarge { get; init; } = 3;
    public int TenantLargeSize { get; init; } = 100_000;
    public int TenantSparse { get; init; } = 5;

    /// <summary>The exponent k of the size distribution min × (max/min)^(u^k): 1 is log-uniform, larger skews to small.</summary>
    public double TenantSkew { get; init; } = 3;

    /// <summary>
    /// What the orchestrator may spend (build excluded): 14 of issue 11's 15 minutes, leaving one for an
    /// incremental build and Azurite's start. Extras are skipped to stay inside it.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(14);

    /// <summary>
    /// Mailbox i of the tenant: sizes from <see cref="TenantMin"/> to <see cref="TenantMax"/>, log-scaled and
    /// skewed towards small (min × (max/min)^(u^k), k = <see cref="TenantSkew"/>, u spread evenly by the golden
    /// ratio: most mailboxes hold a few hundred to a few thousand messages in the window, a tail reaches the
    /// maximum; the skew keeps ≈ 1.8 M messages within the run's budget on 2 cores), and
    /// <see cref="TenantLarge"/> of them, spread over the run, <see cref="TenantLargeSize"/>. Deterministic.
    /// </summary>
    public int TenantSize(int i)
    {
        if (TenantLarge > 0 && Tenant > 0 && i % Math.Max(1, Tenant / TenantLarge) == Tenant / TenantLarge / 2 && i / Math.Max(1, Tenant / TenantLarge) < TenantLarge)
        {
            return TenantLargeSize;
        }

        var u = i * 0.6180339887498949 % 1.0;
        return (int)Math.Round(TenantMin * Math.Pow((double)TenantMax / TenantMin, Math.Pow(u, TenantSkew)));
    }

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
            Sparse = Int(args, "--sparse") ?? defaults.Sparse,
            DeltaCap = Int(args, "--cap") ?? defaults.DeltaCap,
            LatencyMessages = Int(args, "--latency-messages") ?? defaults.LatencyMessages,
            LatencyMs = Int(args, "--latency-ms") ?? defaults.LatencyMs,
            NaiveSampleSeconds = Int(args, "--naive-sample") ?? defaults.NaiveSampleSeconds,
            Tenant = Int(args, "--tenant") ?? defaults.Tenant,
            TenantMin = Int(args, "--tenant-min") ?? defaults.TenantMin,
            TenantMax = Int(args, "--tenant-max") ?? defaults.TenantMax,
            TenantLarge = Int(args, "--tenant-large") ?? defaults.TenantLarge,
            TenantLargeSize = Int(args, "--tenant-large-size") ?? defaults.TenantLargeSize,
            TenantSparse = Int(args, "--tenant-sparse") ?? defaults.TenantSparse,
            TenantSkew = Option(args, "--tenant-skew") is { } skew ? double.Parse(skew, CultureInfo.InvariantCulture) : defaults.TenantSkew,
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
