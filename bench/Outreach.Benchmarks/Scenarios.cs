using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph;
using Outreach.Graph.Auth;
using Outreach.Graph.Reading;
using Outreach.Storage.Files.State;

namespace Outreach.Benchmarks;

/// <summary>What a child process reports: wall time, its own peak working set, GC heap, items seen.</summary>
internal sealed record ChildResult(double WallSeconds, double CpuSeconds, long PeakWorkingSetBytes, long GcHeapBytes, long AllocatedBytes, long Items, int Pages);

/// <summary>The client side of each scenario, run in a child process so its peak working set is its own.</summary>
internal static class Scenarios
{
    public const string StatusesFile = "statuses.json";

    public static async Task<ChildResult> OurScanAsync(string baseUrl, string mailbox, string stateDir, DateTimeOffset asOf)
    {
        var options = new GraphOptions { BaseUrl = baseUrl, AccessToken = "bench-token" };
        using var client = OutreachGraphClientFactory.Create(options, GraphAuthentication.Create(options));
        var reader = new GraphMailboxReader(client, Options.Create(options));
        var scanner = new MailboxScanner(reader, new FileMailboxStateStore(stateDir), Options.Create(new WarmthPolicyOptions()),
            Options.Create(new ScanOptions()), TimeProvider.System, NullLogger<MailboxScanner>.Instance);
        var cpu = Cpu();
        var stopwatch = Stopwatch.StartNew();
        var result = await scanner.ScanAsync(new ScanRequest(mailbox, asOf));
        stopwatch.Stop();
        // Every contact's status, for the orchestrator to compare with its independent evaluation.
        await File.WriteAllTextAsync(Path.Combine(stateDir, StatusesFile),
            System.Text.Json.JsonSerializer.Serialize(result.Contacts.ToDictionary(c => c.Email, c => c.Status.ToWireName(), StringComparer.OrdinalIgnoreCase)));
        return Finish(stopwatch, cpu, result.Statistics.Messages + result.Statistics.Events, result.Statistics.Pages);
    }

    /// <summary>
    /// The floor under our scan's wall time: the same reader, client, $select, page size and delta requests
    /// (three feeds side by side, as the scanner reads them), every page fetched and mapped to records, but
    /// nothing classified and no state kept or saved.
    /// </summary>
    public static async Task<ChildResult> PagingOnlyAsync(string baseUrl, string mailbox, DateTimeOffset asOf)
    {
        var options = new GraphOptions { BaseUrl = baseUrl, AccessToken = "bench-token" };
        using var client = OutreachGraphClientFactory.Create(options, GraphAuthentication.Create(options));
        var reader = new GraphMailboxReader(client, Options.Create(options));
        var policy = new WarmthPolicyOptions();
        var scan = new ScanOptions();
        // The window the scanner asks for on a first run (whole days, slack ahead).
        var window = new CalendarWindow(
            new DateTimeOffset(asOf.AddDays(-policy.MeetingLookbackDays).UtcDateTime.Date, TimeSpan.Zero),
            new DateTimeOffset(asOf.AddDays(policy.ScheduledLookaheadDays).UtcDateTime.Date, TimeSpan.Zero).AddDays(scan.CalendarWindowSlackDays + 1));
        var since = asOf.AddDays(-policy.TextLookbackDays);
        long items = 0;
        var pages = 0;
        var cpu = Cpu();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(
            DrainAsync(reader.ReadMailAsync(mailbox, MailFolderKind.Inbox, null, since, CancellationToken.None)),
            DrainAsync(reader.ReadMailAsync(mailbox, MailFolderKind.SentItems, null, since, CancellationToken.None)),
            DrainAsync(reader.ReadCalendarAsync(mailbox, window, null, CancellationToken.None)));
        stopwatch.Stop();
        return Finish(stopwatch, cpu, items, pages);

        async Task DrainAsync<T>(IAsyncEnumerable<ChangePage<T>> feed)
        {
            await foreach (var page in feed)
            {
                Interlocked.Add(ref items, page.Items.Count);
                Interlocked.Increment(ref pages);
            }
        }
    }

    /// <summary>What a user writes first: SDK defaults, no $select, default page size, PageIterator over everything.</summary>
    public static async Task<ChildResult> NaiveAsync(string baseUrl, string mailbox)
    {
        var auth = new BaseBearerTokenAuthenticationProvider(new FixedToken(new Uri(baseUrl).Host));
        using var client = new GraphServiceClient(auth, baseUrl);
        var cpu = Cpu();
        var stopwatch = Stopwatch.StartNew();
        long items = 0;
        var pages = 0;
        var messages = await client.Users[mailbox].Messages.GetAsync();
        var messageIterator = PageIterator<Message, MessageCollectionResponse>.CreatePageIterator(client, messages!, _ => { items++; return true; },
            request => { pages++; return request; });
        await messageIterator.IterateAsync();
        var events = await client.Users[mailbox].Events.GetAsync();
        var eventIterator = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(client, events!, _ => { items++; return true; },
            request => { pages++; return request; });
        await eventIterator.IterateAsync();
        stopwatch.Stop();
        return Finish(stopwatch, cpu, items, pages + 2);
    }

    private static TimeSpan Cpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Wall and CPU time of the scenario call; the peak working set is the whole child's.</summary>
    private static ChildResult Finish(Stopwatch stopwatch, TimeSpan cpuBefore, long items, int pages)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        return new ChildResult(stopwatch.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalSeconds, self.PeakWorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.GetTotalAllocatedBytes(), items, pages);
    }

    private sealed class FixedToken(string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult("bench-token");
    }

    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
