using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Outreach.Core.Digest;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Mail;

/// <summary>
/// Sends the weekly digest with <c>POST /users/{mailbox}/sendMail</c>: from the owner's mailbox to the owner,
/// with saveToSentItems false so it is neither clutter in Sent Items nor a touchpoint for the next scan.
/// Needs Mail.Send (application; delegated: Mail.Send); refusals are translated like the other writes.
/// sendMail is not idempotent: the SDK's retry handler would repeat it on 503/504 too, and a 504 may come
/// after the message was accepted (a second digest in the week). This request retries only on 429, which
/// Graph answers without running the request.
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
            await client.Users[mailbox].SendMail.PostAsync(body, request => request.Options.Add(RetryOnlyWhenThrottled()), cancellationToken);
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.TranslateCalendarWrite(error, mailbox, "sendMail", options.Value);
        }
    }

    /// <summary>The configured retry budget, for 429 only (the per-request option replaces the client's).</summary>
    private RetryHandlerOption RetryOnlyWhenThrottled() => new()
    {
        MaxRetry = options.Value.MaxRetries,
        Delay = options.Value.RetryDelaySeconds,
        ShouldRetry = (_, _, response) => response.StatusCode == System.Net.HttpStatusCode.TooManyRequests,
    };
}
