using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using Outreach.Core.Digest;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Mail;

/// <summary>
/// Sends the weekly digest with <c>POST /users/{mailbox}/sendMail</c>: from the owner's mailbox to the owner,
/// with saveToSentItems false so it is neither clutter in Sent Items nor a touchpoint for the next scan.
/// Needs Mail.Send (application; delegated: Mail.Send); refusals are translated like the other writes.
/// </summary>
public sealed class GraphDigestMailer(GraphServiceClient client, IOptions<GraphOptions> options) : IDigestMailer
{
    public async Task SendAsync(string mailbox, string subject, string htmlBody, CancellationToken cancellationToken)
    {
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = htmlBody },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = mailbox } }],
                Importance = Importance.Normal,
            },
            SaveToSentItems = false,
        };
        try
        {
            await client.Users[mailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken);
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.TranslateCalendarWrite(error, mailbox, "sendMail", options.Value);
        }
    }
}
