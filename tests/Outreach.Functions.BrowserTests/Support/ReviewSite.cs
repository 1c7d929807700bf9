using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Outreach.Core.Digest;
using Outreach.Core.Pipeline;
using Outreach.Core.Scanning;
using Outreach.Functions.Digest;
using Outreach.Testing.Functions;
using Outreach.Testing.Graph;

namespace Outreach.Functions.BrowserTests.Support;

/// <summary>
/// The review page as deployed, minus the Functions host: the shared <see cref="FunctionsTestHost"/> served on
/// Kestrel (loopback, a free port) with the review routes mapped to the function classes' methods — tables on
/// Azurite, Graph on the loopback server. A mailbox is scanned from the sample and sent its digest, whose
/// captured email carries the signed link the browser opens.
/// </summary>
internal sealed class ReviewSite : IAsyncDisposable
{
    /// <summary>The enrollment group: each test's owner joins it, as an administrator would enrol them.</summary>
    private const string EnrollmentGroupId = "0d6c3b1e-5a4f-4c2e-9b7d-enrolled0001";

    public static readonly DateTimeOffset AsOf = FunctionsTestHost.AsOf;

    private readonly FunctionsTestHost _host;

    private ReviewSite(FunctionsTestHost host) => _host = host;

    public GraphLoopbackServer Graph => _host.Graph;

    public string BaseUrl => _host.BaseUrl!;

    public T Get<T>() where T : notnull => _host.Get<T>();

    public static async Task<ReviewSite> StartAsync(CancellationToken cancellationToken) => new(await FunctionsTestHost.StartAsync(new FunctionsTestHostOptions
    {
        ServeHttp = true,
        Settings = new Dictionary<string, string?>
        {
            ["Outreach:Digest:Enabled"] = "true",
            ["Outreach:Digest:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Outreach:Pipeline:MailboxGroupId"] = EnrollmentGroupId,
        },
        // The routes the functions declare (functions.metadata: GET and POST api/review, anonymous).
        Routes = app =>
        {
            app.MapGet("/api/review", (HttpContext context, ReviewPageFunction page) =>
                FunctionsTestHost.RunAsync(context, page.RunAsync(context.Request, context.RequestAborted)));
            app.MapPost("/api/review", (HttpContext context, ReviewSubmitFunction submit) =>
                FunctionsTestHost.RunAsync(context, submit.RunAsync(context.Request, context.RequestAborted)));
        },
    }, cancellationToken));

    /// <summary>Loads the sample as <paramref name="owner"/>'s mailbox, scans it and sends its digest; returns the digest email.</summary>
    public async Task<(DigestResult Digest, JsonObject Mail)> ScanAndSendDigestAsync(string owner, CancellationToken cancellationToken)
    {
        var sample = await _host.LoadSampleAsAsync(owner, cancellationToken);
        var doNotContact = sample["policy"]!["doNotContact"]!.AsArray().Select(e => (string)e!).ToList();
        var internalDomains = sample["policy"]!["internalDomains"]!.AsArray().Select(e => (string)e!).ToList();
        Graph.Mailbox(owner).SetProfile("Avery Quinn"); // the name the digest greets, as in the screenshots
        Graph.Group(EnrollmentGroupId).AddUser(owner);
        await Get<Outreach.Core.Enrollment.IMailboxEnrollment>().ListAsync(cancellationToken); // the weekly run's refresh of the members

        var request = new ScanRequest(owner, AsOf) { DoNotContact = doNotContact, InternalDomains = internalDomains };
        var scanner = Get<MailboxScanner>();
        await scanner.HarvestAsync(request, null, cancellationToken);
        var result = await scanner.EvaluateAsync(request, null, cancellationToken);
        await Get<IContactResultStore>().ReplaceAsync(owner, "browser-" + Guid.NewGuid().ToString("N")[..8], result.Contacts, cancellationToken);

        var digest = await Get<WeeklyDigest>().SendAsync(owner, AsOf, cancellationToken);
        if (digest.Outcome != DigestOutcome.Sent) throw new InvalidOperationException($"The digest was not sent: {digest.Outcome} {digest.Reason}");
        return (digest, Graph.Mailbox(owner).SentMail.Last());
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
