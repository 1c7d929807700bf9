using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.State;
using Outreach.Graph;
using Outreach.Graph.Auth;
using Outreach.Graph.Reading;

namespace Outreach.Benchmarks;

/// <summary>What a child process reports: wall time, its own peak working set, GC heap, items seen.</summary>
internal sealed record ChildResult(double WallSeconds, long PeakWorkingSetBytes, long GcHeapBytes, long AllocatedBytes, long Items, int Pages);

/// <summary>The client side of each scenario, run in a child process so its peak working set is its own.</summary>
internal static class Scenarios
{
    public static async Task<ChildResult> OurScanAsync(string baseUrl, string mailbox, string stateDir, DateTimeOffset asOf)
    {
        var options = new GraphOptions { BaseUrl = baseUrl, AccessToken = "bench-token" };
        using var client = OutreachGraphClientFactory.Create(options, GraphAuthentication.Create(options));
        var reader = new GraphMailboxReader(client, Options.Create(options));
        var scanner = new MailboxScanner(reader, new FileMailboxStateStore(stateDir), Options.Create(new WarmthPolicyOptions()),
            Options.Create(new ScanOptions()), TimeProvider.System, NullLogger<MailboxScanner>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var result = await scanner.ScanAsync(new ScanRequest(mailbox, asOf));
        stopwatch.Stop();
        return Finish(stopwatch, result.Statistics.Messages + result.Statistics.Events, result.Statistics.Pages);
    }

    /// <summary>What a user writes first: SDK defaults, no $select, default page size, PageIterator over everything.</summary>
    public static async Task<ChildResult> NaiveAsync(string baseUrl, string mailbox)
    {
        var auth = new BaseBearerTokenAuthenticationProvider(new FixedToken(new Uri(baseUrl).Host));
        using var client = new GraphServiceClient(auth, baseUrl);
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
        return Finish(stopwatch, items, pages + 2);
    }

    private static ChildResult Finish(Stopwatch stopwatch, long items, int pages)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        return new ChildResult(stopwatch.Elapsed.TotalSeconds, self.PeakWorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes,
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
