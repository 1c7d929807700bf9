using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Invitations;
using Outreach.Core.State;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>
/// POST /api/invitations with the real services: events posted to the loopback Graph server through the
/// SDK, the ledger and do-not-contact list on Azurite. "Now" is Monday 2026-03-02 09:00 UTC; the owner
/// works Monday to Friday, 08:00–17:00 UTC, and slots need two hours' notice.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class SendInvitationTests
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static async Task<(PipelineHarness Harness, string Owner)> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var owner = Unique("avery");
        var harness = await PipelineHarness.StartAsync([owner], settings, replace);
        harness.Graph.Mailbox(owner).SetProfile("Avery Quinn");
        return (harness, owner);
    }

    private static JsonElement Result(JsonElement body, int index = 0) => body.GetProperty("results")[index];

    [Fact]
    public async Task A_video_invitation_creates_one_Teams_event_with_the_contact_as_attendee()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["Dana@Fabrikam.com"],"mode":"video"}""");

        Assert.Equal(200, status);
        var result = Result(body);
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", result.GetProperty("joinUrl").GetString(), StringComparison.Ordinal);
        var posted = Assert.Single(harness.Graph.Mailbox(owner).PostedEvents);
        Assert.True(posted["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", posted["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal("dana@fabrikam.com", posted["attendees"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(posted["transactionId"]!.GetValue<string>()));
        Assert.Equal("html", posted["body"]!["contentType"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("start").GetDateTimeOffset());
        var entry = await harness.Get<IInvitationLedger>().GetAsync(owner, "dana@fabrikam.com", TestContext.Current.CancellationToken);
        Assert.Equal(InvitationStatus.Sent, entry!.Status);
    }

    [Fact]
    public async Task An_in_person_invitation_carries_the_location_and_no_Teams_link()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (_, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"in-person","location":"Fourth Coffee, Pike St"}""");

        Assert.Equal("created", Result(body).GetProperty("outcome").GetString());
        var posted = Assert.Single(harness.Graph.Mailbox(owner).PostedEvents);
        Assert.False(posted["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("Fourth Coffee, Pike St", posted["location"]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slots_avoid_busy_blocks_and_each_contact_gets_its_own()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;
        harness.Graph.Mailbox(owner).AddBusy(DateTimeOffset.Parse("2026-03-02T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-03-02T12:15:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var (_, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["a@fabrikam.com","b@contoso.com"],"mode":"video","durationMinutes":45}""");

        var starts = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T12:30:00Z", System.Globalization.CultureInfo.InvariantCulture), starts[0]);
        Assert.True(starts[1] >= starts[0].AddMinutes(45), "the second contact's slot must not overlap the first");
    }

    [Fact]
    public async Task The_same_request_twice_sends_one_invitation()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""";

        var (_, first) = await harness.InviteAsync(json);
        var (_, second) = await harness.InviteAsync(json);

        Assert.Equal("created", Result(first).GetProperty("outcome").GetString());
        Assert.Equal("skipped", Result(second).GetProperty("outcome").GetString());
        Assert.StartsWith("already invited", Result(second).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_answer()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""";

        var (_, first) = await harness.InviteAsync(json, "key-1");
        var (_, again) = await harness.InviteAsync(json, "key-1");

        Assert.Equal("created", Result(again).GetProperty("outcome").GetString());
        Assert.Equal(Result(first).GetProperty("eventId").GetString(), Result(again).GetProperty("eventId").GetString());
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task A_crash_after_the_Graph_call_and_before_the_ledger_write_is_retried_into_one_event()
    {
        var crashing = new CrashingLedger();
        var (harness, owner) = await StartAsync(replace: services =>
        {
            services.AddSingleton(crashing);
            services.AddSingleton<IInvitationLedger>(provider => crashing.Wrap(ActivatorUtilities.CreateInstance<Outreach.Storage.Invitations.TableInvitationLedger>(provider)));
        });
        await using var disposable = harness;
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""";

        await Assert.ThrowsAsync<IOException>(() => harness.InviteAsync(json));
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        var (_, retry) = await harness.InviteAsync(json);

        Assert.Equal("created", Result(retry).GetProperty("outcome").GetString());
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        Assert.Equal(2, harness.Graph.Mailbox(owner).PostedEvents.Count);
        Assert.Equal(harness.Graph.Mailbox(owner).PostedEvents[0]["transactionId"]!.GetValue<string>(), harness.Graph.Mailbox(owner).PostedEvents[1]["transactionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_renders_and_creates_nothing()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (_, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video","dryRun":true}""");

        var result = Result(body);
        Assert.Equal("dry-run", result.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("subject").GetString()));
        Assert.Contains("Avery Quinn", result.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
        Assert.Null(await harness.Get<IInvitationLedger>().GetAsync(owner, "dana@fabrikam.com", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Do_not_contact_and_internal_contacts_are_skipped_with_why()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;
        await harness.Get<ISuppressionList>().AddAsync(owner, "@fabrikam.com", "asked", TestContext.Current.CancellationToken);

        var (_, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com","sam@northwind-labs.com","noreply@contoso.com"],"mode":"video"}""");

        Assert.Equal(
            ["on the do-not-contact list", "not an external contact", "not a person (automated address)"],
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task A_LinkedIn_only_contact_is_a_problem_naming_the_contact_and_nothing_is_sent()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, problem) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com","https://www.linkedin.com/in/sofia-marin-4821"],"mode":"video"}""");

        Assert.Equal(400, status);
        var why = problem.GetProperty("errors").GetProperty("contacts[1]")[0].GetString();
        Assert.Contains("known only on LinkedIn", why, StringComparison.Ordinal);
        Assert.Contains("ask on LinkedIn", why, StringComparison.Ordinal);
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"phone"}""", "mode")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana"],"mode":"video"}""", "contacts[0]")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"in-person"}""", "location")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"video","start":"2026-03-01T10:00:00Z"}""", "start")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"video","start":"2026-03-07T10:00:00Z"}""", "start")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"video","template":"nope"}""", "template")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"video","durationMinutes":300}""", "durationMinutes")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":"video","timeZone":"Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"mailbox":"OWNER","contacts":["a@b.com","c@b.com","d@b.com","e@b.com","f@b.com","g@b.com","h@b.com","i@b.com","j@b.com","k@b.com","l@b.com","m@b.com","n@b.com","o@b.com","p@b.com","q@b.com","r@b.com","s@b.com","t@b.com","u@b.com","v@b.com"],"mode":"video"}""", "contacts")]
    public async Task Bad_input_is_400_naming_the_field_and_sends_nothing(string json, string field)
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, problem) = await harness.InviteAsync(json.Replace("OWNER", owner, StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task An_oversized_body_is_400()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, _) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video","location":"{{new string('x', 70_000)}}"}""");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_Graph_refusal_names_the_missing_permission()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;
        harness.Graph.Faults.Fail(owner, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

        var (status, problem) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""");

        Assert.Equal(403, status);
        Assert.Contains("Grant the application permission", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Fails the ledger write that follows the Graph call, once: a crash between the two.</summary>
    internal sealed class CrashingLedger
    {
        private int _crashes = 1;

        public IInvitationLedger Wrap(IInvitationLedger inner) => new Ledger(inner, this);

        private sealed class Ledger(IInvitationLedger inner, CrashingLedger owner) : IInvitationLedger
        {
            public Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken) => inner.GetAsync(mailbox, contact, cancellationToken);

            public Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken) => inner.ListAsync(mailbox, cancellationToken);

            public Task<InvitationReservation> ReserveAsync(InvitationLedgerEntry entry, ReservationPolicy policy, CancellationToken cancellationToken) => inner.ReserveAsync(entry, policy, cancellationToken);

            public Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken) =>
                Interlocked.Decrement(ref owner._crashes) >= 0 && entry.Status == InvitationStatus.Sent
                    ? throw new IOException("The worker died between creating the event and recording it.")
                    : inner.UpdateAsync(entry, cancellationToken);

            public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteMailboxAsync(mailbox, cancellationToken);
        }
    }
}
