using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;
using static Outreach.Testing.Graph.Tests.Support.InvitationItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class SendMailTests
{
    private static JsonObject Digest(bool? saveToSentItems = null, params string[] to)
    {
        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.message",
                ["subject"] = "Your weekly digest",
                ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>3 invitations sent</p>" },
                ["toRecipients"] = new JsonArray([.. (to.Length == 0 ? [User] : to).Select(a =>
                    (JsonNode)new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = a } })]),
            },
        };
        if (saveToSentItems is { } save)
        {
            body["saveToSentItems"] = save;
        }

        return body;
    }

    [Fact]
    public async Task SendMail_returns_202_with_no_body_and_records_the_message()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(SendMail(server), Digest());

        Assert.Equal(202, reply.Status);
        Assert.Equal(0, reply.BodyLength);
        Assert.Null(reply.ContentType);
        var sent = Assert.Single(mailbox.SentMail);
        Assert.Equal("Your weekly digest", (string?)sent["subject"]);
        Assert.Equal(User, (string?)sent["toRecipients"]![0]!["emailAddress"]!["address"]);
        Assert.Equal(0, server.Requests.Entries.Single().ResponseBytes);
    }

    [Fact]
    public async Task Sent_mail_is_filed_in_sent_items_unless_saveToSentItems_is_false()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();
        var sentItems = $"{server.BaseUrl}/users/{User}/mailFolders/sentitems/messages/delta";

        await http.PostAsync(SendMail(server), Digest());
        await http.PostAsync(SendMail(server), Digest(saveToSentItems: false));
        var delta = await http.ReadAllPagesAsync(sentItems);

        Assert.Equal(2, mailbox.SentMail.Count);
        var filed = Assert.Single(delta.Items);
        Assert.Equal("Your weekly digest", (string?)filed["subject"]);
        Assert.Equal("3 invitations sent", (string?)filed["bodyPreview"]);
        Assert.Equal(User, (string?)filed["from"]!["emailAddress"]!["address"]);
        Assert.Null(filed["toRecipients"]![0]!["@odata.type"]);
    }

    [Fact]
    public async Task SendMail_without_recipients_or_message_returns_400()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();
        var noRecipients = Digest();
        noRecipients["message"]!.AsObject().Remove("toRecipients");

        var none = await http.PostAsync(SendMail(server), noRecipients);
        var bad = await http.PostAsync(SendMail(server), Digest(to: "not-an-address"));
        var missing = await http.PostRawAsync(SendMail(server), """{"saveToSentItems":true}""");

        Assert.Equal((400, "ErrorInvalidRecipients"), (none.Status, none.ErrorCode));
        Assert.Equal((400, "ErrorInvalidRecipients"), (bad.Status, bad.ErrorCode));
        Assert.Equal((400, "ErrorInvalidRequest"), (missing.Status, missing.ErrorCode));
        Assert.Empty(mailbox.SentMail);
    }

    [Fact]
    public async Task Faults_apply_to_sendMail()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        server.Faults.Throttle(1);
        using var http = new GraphHttp();

        var throttled = await http.PostAsync($"{server.BaseUrl}/users/{User}/microsoft.graph.sendMail", Digest());
        var accepted = await http.PostAsync(SendMail(server), Digest());

        Assert.Equal(429, throttled.Status);
        Assert.Equal("ApplicationThrottled", throttled.ErrorCode);
        Assert.Equal(202, accepted.Status);
        Assert.Single(mailbox.SentMail);
    }
}
