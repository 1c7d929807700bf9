using System.Text.Json;
using NSubstitute;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Http;

public sealed class GetContactsFunctionTests
{
    private readonly IContactResultStore _results = Substitute.For<IContactResultStore>();

    private static readonly ContactReport Dana = new("dana@fabrikam.com", "=HYPERLINK(\"x\")", ContactStatus.Flagged, 71.5, 3, 4,
        DateTimeOffset.Parse("2026-05-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null,
        ["7 emails in 180 days, 4 from them", "never met by video or in person"]);

    public GetContactsFunctionTests()
    {
        _results.ListAsync("avery@northwind.com", null, Arg.Any<CancellationToken>()).Returns([Dana]);
        _results.ListAsync("avery@northwind.com", ContactStatus.Flagged, Arg.Any<CancellationToken>()).Returns([Dana]);
        _results.ListAsync("avery@northwind.com", ContactStatus.Met, Arg.Any<CancellationToken>()).Returns([]);
    }

    private async Task<Microsoft.AspNetCore.Mvc.IActionResult> Get(string mailbox, string? query = null, string? accept = null) =>
        await new GetContactsFunction(_results, EnrollmentDoubles.Everyone()).RunAsync(ActionResults.Request(method: "GET", query: query, accept: accept), mailbox, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Json_has_the_CLI_fields()
    {
        var json = await ActionResults.JsonAsync(await Get("Avery@Northwind.com", "?status=flagged"));

        Assert.Equal("avery@northwind.com", json.GetProperty("mailbox").GetString());
        var contact = json.GetProperty("contacts")[0];
        foreach (var field in new[] { "email", "displayName", "status", "score", "sent", "received", "lastTextAt", "lastMetAt", "reasons" })
        {
            Assert.True(contact.TryGetProperty(field, out _), field);
        }

        Assert.Equal("flagged", contact.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Csv_is_served_when_asked_and_formulas_are_defused()
    {
        var (status, contentType, body, _) = await ActionResults.ExecuteAsync(await Get("avery@northwind.com", accept: "text/csv"));

        Assert.Equal(200, status);
        Assert.StartsWith("text/csv", contentType, StringComparison.Ordinal);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,displayName,status,score,sent,received,lastTextAt,lastMetAt,reasons,linkedinUrl,emailCount,teamsChatCount,linkedinCount", lines[0]);
        Assert.StartsWith("dana@fabrikam.com,\"'=HYPERLINK(\"\"x\"\")\",flagged,71.5,3,4,2026-05-30T10:00:00.0000000+00:00,,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_LinkedIn_only_contact_has_a_null_email_its_profile_and_its_channels()
    {
        var sofia = new ContactReport(null, "Sofia", ContactStatus.Flagged, 66.3, 3, 2, null, null, ["5 messages in 180 days: 5 LinkedIn; 2 from them"])
        {
            Channels = new ChannelCounts(0, 0, 5),
            LinkedinUrl = "https://www.linkedin.com/in/sofia",
        };
        _results.ListAsync("avery@northwind.com", null, Arg.Any<CancellationToken>()).Returns([Dana with { Channels = new ChannelCounts(7, 0, 0) }, sofia]);

        var json = await ActionResults.JsonAsync(await Get("avery@northwind.com"));
        var (_, _, csv, _) = await ActionResults.ExecuteAsync(await Get("avery@northwind.com", accept: "text/csv"));

        var contacts = json.GetProperty("contacts");
        Assert.Equal(7, contacts[0].GetProperty("channels").GetProperty("email").GetInt32());
        Assert.Equal(JsonValueKind.Null, contacts[0].GetProperty("linkedinUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, contacts[1].GetProperty("email").ValueKind);
        Assert.Equal("https://www.linkedin.com/in/sofia", contacts[1].GetProperty("linkedinUrl").GetString());
        Assert.Equal(5, contacts[1].GetProperty("channels").GetProperty("linkedin").GetInt32());
        Assert.EndsWith(",https://www.linkedin.com/in/sofia,0,0,5", csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_status_filter_of_a_scanned_mailbox_is_an_empty_list()
    {
        var json = await ActionResults.JsonAsync(await Get("avery@northwind.com", "?status=met"));

        Assert.Equal(0, json.GetProperty("contacts").GetArrayLength());
    }

    [Fact]
    public async Task A_mailbox_never_scanned_is_404()
    {
        _results.ListAsync("new@northwind.com", null, Arg.Any<CancellationToken>()).Returns([]);

        Assert.Equal(404, (await ActionResults.ExecuteAsync(await Get("new@northwind.com"))).Status);
    }

    [Theory]
    [InlineData("avery@northwind.com", "?status=warm", "status")]
    [InlineData("not-a-mailbox", null, "mailbox")]
    public async Task Bad_input_names_the_field(string mailbox, string? query, string field)
    {
        var json = await ActionResults.JsonAsync(await Get(mailbox, query));

        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _));
    }
}
