using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.State;
using Outreach.Functions.Digest;
using Outreach.Functions.Http;
using Outreach.Functions.Invitations;
using Outreach.Functions.Tests.Digest;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Enrollment;

/// <summary>
/// Every HTTP route that names a mailbox refuses one that is not enrolled: 403 problem details naming the
/// setting, no Graph request at all, and nothing stored or changed.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class EnrollmentRouteTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static readonly ContactAssessment Dana = new("dana@fabrikam.com", "Dana", ContactStatus.Flagged, 71.5, 3, 4, 2, null, null, null, ["text only"], null);

    public static TheoryData<string> Routes() =>
    [
        "POST scans", "POST scans (list)", "GET contacts", "POST invitations", "POST suppressions", "DELETE suppressions",
        "PUT digest", "DELETE digest", "GET review", "POST review",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_mailbox_that_is_not_enrolled_is_refused_with_403_no_Graph_request_and_nothing_stored(string route)
    {
        var enrolled = Unique("avery");
        var stranger = Unique("ceo");
        await using var harness = await PipelineHarness.StartAsync([enrolled], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)));
        SmallMailbox.Load(harness.Graph.Mailbox(stranger), PipelineHarness.AsOf);
        // What a key holder would be after: results and a do-not-contact entry already held for the mailbox.
        await harness.Get<IContactResultStore>().ReplaceAsync(stranger, "earlier-scan", [Dana], Cancel);
        await harness.Get<ISuppressionList>().AddAsync(stranger, "@blocked.example", null, Cancel);
        harness.Graph.Requests.Clear();

        var (status, type, body) = await CallAsync(harness, route, enrolled, stranger);

        Assert.Equal(403, status);
        if (route.EndsWith("review", StringComparison.Ordinal))
        {
            Assert.StartsWith("text/html", type, StringComparison.Ordinal);
            Assert.Contains("not enrolled", body, StringComparison.Ordinal);
            Assert.Contains(EnrollmentDecision.MailboxesSetting, body, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("application/problem+json", type, StringComparison.Ordinal);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            Assert.Equal("not-enrolled", problem.GetProperty("enrollment").GetString());
            Assert.Equal(EnrollmentDecision.MailboxesSetting, problem.GetProperty("setting").GetString());
            Assert.Equal(route == "POST scans (list)" ? "mailboxes[1]" : "mailbox", problem.GetProperty("field").GetString());
        }

        Assert.Equal(0, harness.Graph.Requests.Count);
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Harvest));
        Assert.Equal([Dana.Email], (await harness.Get<IContactResultStore>().ListAsync(stranger, null, Cancel)).Select(c => c.Email));
        Assert.Equal(["@blocked.example"], await harness.Get<ISuppressionList>().ListAsync(stranger, Cancel));
        Assert.Empty(await harness.Get<IInvitationLedger>().ListAsync(stranger, Cancel));
        Assert.False(await harness.Get<IDigestStore>().IsOptedOutAsync(stranger, Cancel));
        Assert.Null(await harness.Get<IMailboxStateStore>().LoadAsync(stranger, Cancel));
        Assert.Equal(0, harness.Graph.Mailbox(stranger).CreatedEventCount);
        // Not even the enrolled mailbox of the list request was queued: all or nothing.
        Assert.Equal(0, await harness.Get<IScanRecordStore>().DeleteMailboxAsync(enrolled, Cancel));
        Assert.Equal(0, await harness.Get<IScanRecordStore>().DeleteMailboxAsync(stranger, Cancel));
    }

    [Fact]
    public async Task The_same_requests_for_an_enrolled_mailbox_are_served()
    {
        // The refusals above are about enrollment, not the requests: for the enrolled owner they go through.
        var owner = Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)));
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        await harness.Get<IContactResultStore>().ReplaceAsync(owner, "earlier-scan", [Dana], Cancel);
        await harness.Get<ISuppressionList>().AddAsync(owner, "@blocked.example", null, Cancel);

        foreach (var route in new[] { "POST scans", "GET contacts", "POST suppressions", "DELETE suppressions", "PUT digest", "DELETE digest" })
        {
            var (status, _, body) = await CallAsync(harness, route, owner, owner);
            Assert.True(status is >= 200 and < 300, $"{route}: {status} {body}");
        }

        var (inviteStatus, _, inviteBody) = await CallAsync(harness, "POST invitations", owner, owner);
        Assert.True(inviteStatus == 200, inviteBody);
    }

    [Fact]
    public async Task Without_any_enrollment_configured_every_mailbox_is_refused_naming_both_settings_and_the_weekly_run_queues_nothing()
    {
        var owner = Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);

        var (status, _, body) = await CallAsync(harness, "POST scans", owner, owner);
        await harness.RunWeeklyAsync();

        Assert.Equal(403, status);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("no-enrollment-configured", problem.GetProperty("enrollment").GetString());
        Assert.Contains(EnrollmentDecision.MailboxesSetting, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(EnrollmentDecision.GroupSetting, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Harvest));
        Assert.Equal(0, harness.Graph.Requests.Count);
    }

    [Fact]
    public async Task Erasing_a_mailbox_that_is_not_enrolled_is_allowed()
    {
        var stranger = Unique("former");
        await using var harness = await PipelineHarness.StartAsync([Unique("avery")]);
        await harness.Get<IContactResultStore>().ReplaceAsync(stranger, "earlier-scan", [Dana], Cancel);

        var report = await ActionResults.JsonAsync(
            await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), stranger, Cancel));

        Assert.Equal(1, report.GetProperty("contacts").GetInt32());
        Assert.Empty(await harness.Get<IContactResultStore>().ListAsync(stranger, null, Cancel));
        Assert.Equal(0, harness.Graph.Requests.Count);
    }

    [Fact]
    public async Task The_enrollment_route_says_whether_and_why_without_a_Graph_request()
    {
        var owner = Unique("avery");
        var stranger = Unique("ceo");
        await using var harness = await PipelineHarness.StartAsync([owner]);

        var yes = await ActionResults.JsonAsync(await harness.Get<GetEnrollmentFunction>().RunAsync(ActionResults.Request(method: "GET"), owner, Cancel));
        var no = await ActionResults.JsonAsync(await harness.Get<GetEnrollmentFunction>().RunAsync(ActionResults.Request(method: "GET"), stranger, Cancel));

        Assert.True(yes.GetProperty("enrolled").GetBoolean());
        Assert.Equal("enrolled", yes.GetProperty("status").GetString());
        Assert.False(no.GetProperty("enrolled").GetBoolean());
        Assert.Equal("not-enrolled", no.GetProperty("status").GetString());
        Assert.Equal(EnrollmentDecision.MailboxesSetting, no.GetProperty("setting").GetString());
        Assert.Equal(0, harness.Graph.Requests.Count);
    }

    /// <summary>Calls one route as <paramref name="mailbox"/> (the list request names <paramref name="enrolled"/> first).</summary>
    internal static async Task<(int Status, string Type, string Body)> CallAsync(PipelineHarness harness, string route, string enrolled, string mailbox)
    {
        IActionResult result = route switch
        {
            "POST scans" => await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":"{{mailbox}}"}"""), Cancel),
            "POST scans (list)" => await harness.Get<StartScanFunction>().RunAsync(
                ActionResults.Request($$"""{"mailboxes":["{{enrolled}}","{{mailbox}}"]}"""), Cancel),
            "GET contacts" => await harness.Get<GetContactsFunction>().RunAsync(ActionResults.Request(method: "GET"), mailbox, Cancel),
            "POST invitations" => await harness.Get<SendInvitationFunction>().RunAsync(
                ActionResults.Request($$"""{"mailbox":"{{mailbox}}","contacts":["olga@tailspintoys.com"],"mode":"in-person","location":"https://evil.example/sso"}"""), Cancel),
            "POST suppressions" => await harness.Get<AddSuppressionFunction>().RunAsync(
                ActionResults.Request($$"""{"mailbox":"{{mailbox}}","entry":"@other.example"}"""), Cancel),
            "DELETE suppressions" => await harness.Get<RemoveSuppressionFunction>().RunAsync(ActionResults.Request(method: "DELETE"), mailbox, "@blocked.example", Cancel),
            "PUT digest" => await harness.Get<SubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "PUT"), mailbox, Cancel),
            "DELETE digest" => await harness.Get<UnsubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "DELETE"), mailbox, Cancel),
            "GET review" => await harness.Get<ReviewPageFunction>().RunAsync(ActionResults.Request(method: "GET", query: ReviewQuery(harness, mailbox)), Cancel),
            "POST review" => await harness.Get<ReviewSubmitFunction>().RunAsync(ReviewPost(harness, mailbox, new() { ["choice-0"] = "video" }), Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };
        var (status, type, body, _) = await ActionResults.ExecuteAsync(result);
        return (status, type, body);
    }

    private static ReviewLink Link(PipelineHarness harness, string mailbox) =>
        harness.Get<ReviewLinks>().Sign(mailbox, IsoWeek.Of(PipelineHarness.AsOf), PipelineHarness.AsOf.AddDays(7));

    private static string ReviewQuery(PipelineHarness harness, string mailbox) => ReviewLinks.Query(Link(harness, mailbox));

    /// <summary>A well-formed review form post (valid link, token and cookie) for the mailbox.</summary>
    internal static HttpRequest ReviewPost(PipelineHarness harness, string mailbox, Dictionary<string, StringValues> fields)
    {
        var link = Link(harness, mailbox);
        var nonce = ReviewLinks.NewNonce();
        var request = ActionResults.Request(method: "POST", query: ReviewLinks.Query(link));
        fields["nonce"] = nonce;
        fields["token"] = harness.Get<ReviewLinks>().FormToken(link, nonce);
        request.ContentType = "application/x-www-form-urlencoded";
        request.Form = new FormCollection(fields);
        request.Headers.Cookie = $"{ReviewResponses.NonceCookie(link, harness.Get<IOptions<DigestOptions>>().Value)}={nonce}";
        return request;
    }
}
