using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Invitations;
using Outreach.Functions.Tests.Support;
using Outreach.Graph.Calendar;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>
/// A caller-given start and the owner's time zone, through POST /api/invitations. "Now" is Monday
/// 2026-03-02 09:00 UTC; the owner works Monday to Friday, 08:00–17:00 UTC; busy times are read 27 days
/// ahead (twice the 10-day slot horizon and a week, within getSchedule's 62 days).
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class InvitationStartAndZoneTests
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-03T10:00:00")]
    [InlineData("2026-03-03T10:00")]
    [InlineData("2026-05-01T10:00:00Z")]
    [InlineData("2026-03-30T10:00:00+00:00")]
    [InlineData("9999-12-31T23:30:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("9999-12-31T23:00:00-05:00")]
    public async Task A_start_without_an_offset_or_beyond_the_calendar_look_ahead_is_400_naming_start(string start)
    {
        var owner = Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([owner]);

        var (status, problem) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video","start":"{{start}}"}""");

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("start", out _), problem.ToString());
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task A_start_late_in_the_look_ahead_is_still_checked_against_the_calendar()
    {
        var owner = Unique("blake");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        harness.Graph.Mailbox(owner).SetProfile("Blake Ito");
        harness.Graph.Mailbox(owner).AddBusy(At("2026-03-26T10:00:00Z"), At("2026-03-26T11:00:00Z"));

        var (busyStatus, problem) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video","start":"2026-03-26T10:30:00Z"}""");
        var (freeStatus, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video","start":"2026-03-26T13:00:00+01:00"}""");

        Assert.Equal(400, busyStatus);
        Assert.Contains("busy", problem.GetProperty("errors").GetProperty("start")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(200, freeStatus);
        var result = body.GetProperty("results")[0];
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        Assert.Equal(At("2026-03-26T12:00:00Z"), result.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_owner_time_zone_no_zone_database_knows_falls_back_to_UTC_with_a_warning()
    {
        // Graph reports a custom zone as "Customized Time Zone" (timeZoneBase.name); TimeZoneConverter knows no such id.
        var owner = Unique("casey");
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync([owner], null, services => services
            .AddSingleton<ILoggerProvider>(logs)
            .AddSingleton<ICalendarWriter>(provider => new CustomZoneCalendar(ActivatorUtilities.CreateInstance<GraphCalendarWriter>(provider))));
        harness.Graph.Mailbox(owner).SetProfile("Casey Rowe");

        var (status, body) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""");

        Assert.Equal(200, status);
        var result = body.GetProperty("results")[0];
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        // Working hours 08:00–17:00 read as UTC, two hours' notice: 11:00 UTC.
        Assert.Equal(At("2026-03-02T11:00:00Z"), result.GetProperty("start").GetDateTimeOffset());
        var warning = Assert.Single(logs.Entries, e => e.EventId == 3010);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Customized Time Zone", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(owner, warning.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task Skipped_and_failed_results_carry_a_reason_code()
    {
        var owner = Unique("drew");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        harness.Graph.Mailbox(owner).SetProfile("Drew Park");
        await harness.Get<ISuppressionList>().AddAsync(owner, "erin@contoso.com", "asked", TestContext.Current.CancellationToken);
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com","erin@contoso.com","sam@northwind-labs.com","noreply@adatum.com"],"mode":"video"}""";

        await harness.InviteAsync(json, "first");
        var (_, again) = await harness.InviteAsync(json, "second");

        Assert.Equal(
            ["already-invited", "do-not-contact", "not-external", "automated"],
            again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()));
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    /// <summary>The real Graph calendar, with the owner's working-hours zone reported as a custom one.</summary>
    private sealed class CustomZoneCalendar(ICalendarWriter inner) : ICalendarWriter
    {
        public async Task<OwnerProfile> GetOwnerAsync(string mailbox, CancellationToken cancellationToken) =>
            await inner.GetOwnerAsync(mailbox, cancellationToken) with { TimeZone = "Customized Time Zone" };

        public Task<IReadOnlyList<BusyInterval>> GetBusyAsync(string mailbox, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            inner.GetBusyAsync(mailbox, start, end, cancellationToken);

        public Task<CreatedMeeting> CreateAsync(string mailbox, NewMeeting meeting, CancellationToken cancellationToken) =>
            inner.CreateAsync(mailbox, meeting, cancellationToken);
    }
}
