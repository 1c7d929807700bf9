using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;

namespace Outreach.Functions.Digest;

/// <summary>
/// <c>POST /api/review?m=..&amp;w=..&amp;exp=..&amp;sig=..</c>: applies the review form. Checks the link again
/// (signature, expiry) and the anti-forgery token (HMAC of the link and the form's nonce, which the
/// SameSite=Strict cookie must repeat), then invites, snoozes or suppresses through <see cref="DigestReview"/>
/// and shows each contact's result. Anything wrong → a page saying so, and nothing done. "Stop analysing my
/// mailbox" opts the owner out of enrollment and erases everything held for the mailbox.
/// </summary>
public sealed class ReviewSubmitFunction(
    ReviewLinks links, IDigestStore store, DigestReview review, IOptions<DigestOptions> options, IOptions<InvitationOptions> invitationOptions,
    IMailboxEnrollment enrollment, MailboxOptOut optOut)
{
    [Function(nameof(ReviewSubmitFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (link, digest, refusal) = await ReviewResponses.OpenAsync(request, links, store, options, enrollment, cancellationToken);
        if (refusal is not null) return refusal;
        if (!request.HasFormContentType)
        {
            return ReviewResponses.Message(request, StatusCodes.Status400BadRequest, "The form was not sent", "Send the review form from the page itself; nothing was sent.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (!links.CheckFormToken(link!, form["nonce"], request.Cookies[ReviewResponses.NonceCookie(link!, options.Value)], form["token"]))
        {
            return ReviewResponses.Message(request, StatusCodes.Status400BadRequest, "The form has expired",
                "This form could not be verified (it was sent from elsewhere, or cookies are blocked). Open the link from your email again; nothing was sent.");
        }

        if (form["action"] == "unsubscribe")
        {
            await store.SetOptedOutAsync(link!.Mailbox, true, cancellationToken);
            return ReviewResponses.Message(request, StatusCodes.Status200OK, "No more weekly digests",
                $"{link.Mailbox} will get no more weekly digests. Nothing else was changed; your administrator can turn them on again.");
        }

        if (form["action"] == ReviewHtml.StopAnalysingAction)
        {
            if (form["confirm-stop"] != "yes")
            {
                return ReviewResponses.Message(request, StatusCodes.Status400BadRequest, "Please confirm",
                    "confirm-stop: tick the box to confirm that Outreach should stop analysing your mailbox and erase what it holds. Nothing was changed.");
            }

            await optOut.LeaveAsync(link!.Mailbox, "review page", cancellationToken);
            return ReviewResponses.Message(request, StatusCodes.Status200OK, "Outreach has stopped analysing your mailbox",
                $"Everything Outreach held for {link.Mailbox} was erased, and the mailbox will not be analysed again unless your administrator enrols it again.");
        }

        var (decisions, field, problem) = Parse(form, digest!);
        if (problem is not null)
        {
            return ReviewResponses.Message(request, StatusCodes.Status400BadRequest, "Please check the form", $"{field}: {problem}. Nothing was sent.");
        }

        var outcomes = await review.ApplyAsync(link!, digest!, decisions!, cancellationToken);
        return ReviewResponses.Page(request, StatusCodes.Status200OK, cspNonce => ReviewHtml.Results(digest!, outcomes, cspNonce));
    }

    /// <summary>One decision per listed contact ("leave" when the form says nothing); the field at fault otherwise.</summary>
    private (List<ReviewDecision>? Decisions, string? Field, string? Problem) Parse(IFormCollection form, DigestRecord digest)
    {
        var decisions = new List<ReviewDecision>();
        for (var i = 0; i < digest.Contacts.Count; i++)
        {
            var contact = digest.Contacts[i];
            var value = form[$"choice-{i}"].ToString();
            var choice = ReviewChoice.Leave;
            if (value.Length > 0)
            {
                var match = ReviewHtml.Choices.Where(c => c.Value == value).Select(c => (ReviewChoice?)c.Choice).FirstOrDefault();
                if (match is null) return (null, $"choice-{i}", $"'{Cut(value)}' is not a choice for {contact.Email} (leave, video, in-person, not-now or never)");
                choice = match.Value;
            }

            // A LinkedIn-only contact (issue 13) was offered a link, not choices: nothing to decide for them.
            if (contact.IsLinkedInOnly && choice != ReviewChoice.Leave)
            {
                return (null, $"choice-{i}", $"{contact.Email} is only on LinkedIn: ask them there (no invitation, no choice to make)");
            }

            var location = form[$"location-{i}"].ToString().Trim();
            if (location.Length > 255) return (null, $"location-{i}", $"the location for {contact.Email} must be at most 255 characters");
            if (choice == ReviewChoice.InPerson && location.Length == 0 && string.IsNullOrWhiteSpace(invitationOptions.Value.DefaultLocation))
            {
                return (null, $"location-{i}", $"say where to meet {contact.Email} in person");
            }

            decisions.Add(new ReviewDecision(contact.Email, choice, choice == ReviewChoice.InPerson && location.Length > 0 ? location : null));
        }

        foreach (var key in form.Keys.Where(k => k.StartsWith("choice-", StringComparison.Ordinal)))
        {
            if (!int.TryParse(key.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= digest.Contacts.Count)
            {
                return (null, Cut(key), "names no contact of this digest");
            }
        }

        return (decisions, null, null);
    }

    private static string Cut(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
