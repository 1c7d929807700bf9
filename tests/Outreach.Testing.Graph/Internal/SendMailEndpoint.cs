using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>POST /v1.0/users/{id}/sendMail</c>: checks there is a message with resolvable recipients, records
/// it (<see cref="FakeMailbox.SentMail"/>), files a copy in Sent Items unless saveToSentItems is false,
/// and answers 202 Accepted with no body, as Graph does.
/// </summary>
internal static class SendMailEndpoint
{
    private static readonly string[] RecipientLists = ["toRecipients", "ccRecipients", "bccRecipients"];

    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
    {
        var request = call.JsonBody();
        if (request["message"] is not JsonObject message)
        {
            throw new GraphErrorException(GraphError.InvalidRequest("Your request can't be completed. The request needs a 'message'."));
        }

        var save = request["saveToSentItems"] switch
        {
            null => true,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            var other => throw new GraphErrorException(GraphError.InvalidLiteral(other.ToJsonString(), "Edm.Boolean")),
        };

        var recipients = 0;
        foreach (var list in RecipientLists)
        {
            foreach (var recipient in message[list] as JsonArray ?? [])
            {
                var address = recipient?["emailAddress"]?["address"] is JsonValue a && a.TryGetValue<string>(out var text) ? text.Trim() : "";
                if (!address.Contains('@', StringComparison.Ordinal))
                {
                    throw new GraphErrorException(GraphError.InvalidRecipients(
                        $"Recipient '{address}' is not resolved. All recipients must be resolved before a message can be submitted."));
                }

                recipients++;
            }
        }

        if (recipients == 0)
        {
            throw new GraphErrorException(GraphError.InvalidRecipients("A message can't be sent because it contains no recipients."));
        }

        mailbox.RecordSentMail(message, save ? SentItem(message, mailbox, DateTimeOffset.UtcNow) : null);
        return GraphResponse.NoContent(202);
    }

    /// <summary>The copy Outlook files in Sent Items: the message as sent, from the owner, with the server's stamps.</summary>
    private static JsonObject SentItem(JsonObject message, FakeMailbox mailbox, DateTimeOffset now)
    {
        var timestamp = GraphDateTime.FormatTimestamp(now);
        var sent = GraphDateTime.FormatInstant(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var body = message["body"] is JsonObject b ? OutlookItem.WithoutTypeAnnotations(b)!.AsObject() : new JsonObject { ["contentType"] = "text", ["content"] = "" };
        var item = new JsonObject
        {
            ["@odata.etag"] = "",
            ["id"] = OutlookItem.NewId(),
            ["createdDateTime"] = timestamp,
            ["lastModifiedDateTime"] = timestamp,
            ["changeKey"] = "",
            ["categories"] = new JsonArray(),
            ["receivedDateTime"] = sent,
            ["sentDateTime"] = sent,
            ["hasAttachments"] = false,
            ["internetMessageId"] = $"<{Guid.NewGuid():N}@loopback.graph>",
            ["subject"] = message["subject"]?.DeepClone() ?? "",
            ["bodyPreview"] = OutlookItem.Preview(body),
            ["importance"] = message["importance"]?.DeepClone() ?? "normal",
            ["conversationId"] = OutlookItem.NewId(),
            ["isDeliveryReceiptRequested"] = false,
            ["isReadReceiptRequested"] = false,
            ["isRead"] = true,
            ["isDraft"] = false,
            ["body"] = body,
            ["sender"] = mailbox.Recipient(),
            ["from"] = mailbox.Recipient(),
        };
        foreach (var list in RecipientLists)
        {
            item[list] = OutlookItem.WithoutTypeAnnotations(message[list]) ?? new JsonArray();
        }

        item["replyTo"] = OutlookItem.WithoutTypeAnnotations(message["replyTo"]) ?? new JsonArray();
        OutlookItem.Touch(item, now);
        return item;
    }
}
