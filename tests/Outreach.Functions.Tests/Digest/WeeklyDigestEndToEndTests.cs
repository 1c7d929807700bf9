using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Outreach.Core.Digest;
using Outreach.Functions.Digest;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Digest;

/// <summary>
/// The weekly run ends with the owner's digest: real services on Azurite, the loopback Graph server
/// recording sendMail, the queue pump playing the host. Shares the pipeline queues, so one collection.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed partial class WeeklyDigestEndToEndTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> DigestSettings(string key)
    {
        var settings = SamplePolicy();
        settings["Outreach:Digest:Enabled"] = "true";
        settings["Outreach:Digest:SigningKey"] = key;
        settings["Outreach:Digest:PublicBaseUrl"] = "https://outreach.example.test";
        return settings;
    }

    private static Dictionary<string, string?> SamplePolicy()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json")))!;
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var entry in sample["policy"]!["doNotContact"]!.AsArray()) settings[$"Outreach:Policy:DoNotContact:{i++}"] = (string?)entry;
        i = 0;
        foreach (var entry in sample["policy"]!["internalDomains"]!.AsArray()) settings[$"Outreach:Policy:InternalDomains:{i++}"] = (string?)entry;
        return settings;
    }

    private static HashSet<string> ExpectedFlagged()
    {
        var expectations = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sample", "sample-expectations.json"))).RootElement;
        return [.. expectations.GetProperty("contacts").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "flagged")
            .Select(c => c.GetProperty("email").GetString()!)];
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static async Task<PipelineHarness> ScannedAsync(string owner, string key)
    {
        var harness = await PipelineHarness.StartAsync([owner], DigestSettings(key));
        await harness.LoadSampleAsAsync(owner);
        return harness;
    }

    [GeneratedRegex("href=\"([^\"]*/api/review\\?[^\"]*)\"")]
    private static partial Regex ReviewHref();

    [Fact]
    public async Task Weekly_run_emails_the_owner_one_digest_of_the_top_flagged_contacts_with_a_signed_review_link()
    {
        var owner = Unique("avery");
        await using var harness = await ScannedAsync(owner, NewKey());
        var changes = harness.Graph.Mailbox(owner).ChangeSequence;

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);

        var mail = Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        // saveToSentItems=false: no copy in Sent Items, so the digest never becomes a touchpoint.
        Assert.Equal(changes, harness.Graph.Mailbox(owner).ChangeSequence);
        Assert.Equal(owner, (string?)mail["toRecipients"]![0]!["emailAddress"]!["address"]);
        Assert.Contains("10 contacts you have only met in text", (string?)mail["subject"]);
        var html = (string)mail["body"]!["content"]!;
        Assert.Equal("html", ((string?)mail["body"]!["contentType"])?.ToLowerInvariant());

        // The ten best of the seventeen flagged contacts: all flagged, and the stored digest lists the same ones.
        var record = await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel);
        Assert.NotNull(record);
        Assert.Equal(DigestState.Sent, record.State);
        Assert.Equal(10, record.Contacts.Count);
        Assert.Subset(ExpectedFlagged(), record.Contacts.Select(c => c.Email).ToHashSet());
        Assert.Equal(record.Contacts.OrderByDescending(c => c.Score).Select(c => c.Score), record.Contacts.Select(c => c.Score));
        foreach (var contact in record.Contacts) Assert.Contains(WebUtility.HtmlEncode(contact.Email), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);

        // The link carries no function key, and its signature verifies for this owner and week.
        var href = WebUtility.HtmlDecode(ReviewHref().Match(html).Groups[1].Value);
        Assert.StartsWith("https://outreach.example.test/api/review?", href, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", href, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(href).Query);
        Assert.Equal(LinkCheck.Valid, harness.Get<ReviewLinks>().Check(query["m"], query["w"], query["exp"], query["sig"], out var link));
        Assert.Equal(owner, link!.Mailbox);
        Assert.Equal(IsoWeek.Of(PipelineHarness.AsOf), link.Week);
    }

    [Fact]
    public async Task A_second_run_in_the_same_week_sends_nothing()
    {
        var owner = Unique("blake");
        await using var harness = await ScannedAsync(owner, NewKey());
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var again = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf.AddDays(2), Cancel);

        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        Assert.Equal(DigestOutcome.AlreadySent, again.Outcome);
    }

    [Fact]
    public async Task Next_week_with_nothing_new_sends_nothing_but_a_new_contact_sends_a_digest()
    {
        var owner = Unique("casey");
        await using var harness = await ScannedAsync(owner, NewKey());
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var digest = harness.Get<WeeklyDigest>();

        var nextWeek = await digest.SendAsync(owner, PipelineHarness.AsOf.AddDays(7), Cancel);
        Assert.Equal(DigestOutcome.NothingNew, nextWeek.Outcome);
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);

        // One listed contact goes on the do-not-contact list: the eleventh best moves up, and is new.
        var first = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        await harness.Get<Outreach.Core.Invitations.ISuppressionList>().AddAsync(owner, first.Contacts[0].Email, null, Cancel);
        var weekAfter = await digest.SendAsync(owner, PipelineHarness.AsOf.AddDays(14), Cancel);

        Assert.Equal(DigestOutcome.Sent, weekAfter.Outcome);
        Assert.Equal(2, harness.Graph.Mailbox(owner).SentMail.Count);
        Assert.DoesNotContain(weekAfter.Record!.Contacts, c => c.Email == first.Contacts[0].Email);
    }

    [Fact]
    public async Task An_opted_out_mailbox_gets_no_digest_until_it_opts_in_again()
    {
        var owner = Unique("devon");
        await using var harness = await ScannedAsync(owner, NewKey());
        var off = await harness.Get<UnsubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, Cancel);
        Assert.Equal(200, (await ActionResults.ExecuteAsync(off)).Status);

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        Assert.Empty(harness.Graph.Mailbox(owner).SentMail);

        var on = await harness.Get<SubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "PUT"), owner, Cancel);
        Assert.Equal(200, (await ActionResults.ExecuteAsync(on)).Status);
        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);
        Assert.Equal(DigestOutcome.Sent, result.Outcome);
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
    }

    [Fact]
    public async Task A_week_reserved_by_a_run_that_crashed_before_sendMail_is_never_sent_twice()
    {
        var owner = Unique("emery");
        await using var harness = await ScannedAsync(owner, NewKey());
        var week = IsoWeek.Of(PipelineHarness.AsOf);
        Assert.True(await harness.Get<IDigestStore>().TryReserveAsync(new DigestRecord
        {
            Mailbox = owner, Week = week, State = DigestState.Reserved, ReservedAt = PipelineHarness.AsOf,
            ExpiresAt = PipelineHarness.AsOf.AddDays(8), Contacts = [],
        }, Cancel));

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);

        Assert.Empty(harness.Graph.Mailbox(owner).SentMail);
    }

    [Fact]
    public async Task A_refused_sendMail_is_recorded_and_the_scan_still_completes()
    {
        var owner = Unique("finley");
        await using var harness = await ScannedAsync(owner, NewKey());
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        harness.Graph.Faults.DenyAccess(owner);

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf.AddDays(7).AddHours(1), Cancel);
        // Nothing new next week: the denied call is never made. A new week with a new contact is.
        Assert.Equal(DigestOutcome.NothingNew, result.Outcome);
        var first = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        await harness.Get<Outreach.Core.Invitations.ISuppressionList>().AddAsync(owner, first.Contacts[0].Email, null, Cancel);
        result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf.AddDays(7), Cancel);

        Assert.Equal(DigestOutcome.Failed, result.Outcome);
        Assert.Contains("403", result.Reason, StringComparison.Ordinal);
        var stored = await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf.AddDays(7)), Cancel);
        Assert.Equal(DigestState.Failed, stored!.State);
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
    }

    [Fact]
    public async Task Without_access_to_the_owners_profile_the_digest_goes_out_without_their_name()
    {
        var owner = Unique("harper");
        var calendar = NSubstitute.Substitute.For<Outreach.Core.Invitations.ICalendarWriter>();
        NSubstitute.SubstituteExtensions.Returns(
            calendar.GetOwnerAsync(NSubstitute.Arg.Any<string>(), NSubstitute.Arg.Any<CancellationToken>()),
            Task.FromException<Outreach.Core.Invitations.OwnerProfile>(new Outreach.Core.Sources.MailboxAccessException(
                Outreach.Core.Sources.MailboxAccessFailure.Forbidden, "Grant User.ReadBasic.All")));
        await using var harness = await PipelineHarness.StartAsync([owner], DigestSettings(NewKey()),
            services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, calendar));
        await harness.LoadSampleAsAsync(owner);

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);

        var mail = Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        Assert.DoesNotContain(", for ", (string)mail["body"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_a_mailbox_erases_its_digests_opt_out_and_snoozes()
    {
        var owner = Unique("gray");
        await using var harness = await ScannedAsync(owner, NewKey());
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var store = harness.Get<IDigestStore>();
        await store.SnoozeAsync(owner, "dana@fabrikam.com", PipelineHarness.AsOf.AddDays(28), Cancel);
        await store.SetOptedOutAsync(owner, true, Cancel);

        var erased = await ActionResults.JsonAsync(await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, Cancel));

        Assert.Equal(3, erased.GetProperty("digests").GetInt32());
        Assert.Null(await store.GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel));
        Assert.False(await store.IsOptedOutAsync(owner, Cancel));
        Assert.Empty(await store.ListSnoozedAsync(owner, PipelineHarness.AsOf, Cancel));
    }
}
