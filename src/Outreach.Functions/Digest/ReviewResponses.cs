using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;

namespace Outreach.Functions.Digest;

/// <summary>What the review page's GET and POST share: the link check, the pages for bad links, the headers.</summary>
internal static class ReviewResponses
{
    /// <summary>
    /// The form's nonce travels in a cookie too (double submit); SameSite=Strict keeps other sites' forms from
    /// sending it. One cookie per link (week and a short hash of the signature), so a second tab or another
    /// week's page does not overwrite the nonce of a page still open; "__Secure-" when the public address is
    /// https, so a plain-http response cannot plant it.
    /// </summary>
    public static string NonceCookie(ReviewLink link, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(link.Signature)))[..12];
        return $"{(IsHttps(options) ? "__Secure-" : "")}outreach_review_{link.Week}_{hash}";
    }

    public static bool IsHttps(DigestOptions options) =>
        options.PublicBaseUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The page with security headers: a CSP that allows only its own nonce'd style block, no framing, no caching, no referrer.</summary>
    public static ContentResult Page(HttpRequest request, int status, Func<string, string> render)
    {
        var cspNonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{cspNonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return new ContentResult { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = render(cspNonce) };
    }

    public static ContentResult Message(HttpRequest request, int status, string title, string text) =>
        Page(request, status, nonce => ReviewHtml.Message(title, text, nonce));

    /// <summary>
    /// The link's digest, or the page that says why there is none: the digest is off (404), the link was
    /// altered or is not ours (403), it has expired (410), the mailbox is not (or no longer) enrolled (403),
    /// or its digest no longer exists (404, e.g. erased).
    /// </summary>
    public static async Task<(ReviewLink? Link, DigestRecord? Digest, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, ReviewLinks links, IDigestStore store, IOptions<DigestOptions> options, IMailboxEnrollment enrollment,
        CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return (null, null, Message(request, StatusCodes.Status404NotFound, "Not available", "The weekly digest is not enabled for this organisation."));
        }

        var query = request.Query;
        switch (links.Check(query["m"], query["w"], query["exp"], query["sig"], out var link))
        {
            case LinkCheck.Tampered:
                return (null, null, Message(request, StatusCodes.Status403Forbidden, "This link is not valid",
                    "The review link is incomplete or was changed. Open the link from your latest digest email; nothing was sent."));
            case LinkCheck.Expired:
                return (null, null, Message(request, StatusCodes.Status410Gone, "This link has expired",
                    "Review links work for a limited time. Your next weekly digest brings a new one; nothing was sent."));
        }

        // Enrollment before anything is read or done for the mailbox (a group's listing is the only Graph call).
        EnrollmentDecision decision;
        try
        {
            decision = await enrollment.CheckAsync(link!.Mailbox, cancellationToken);
        }
        catch (Core.Sources.MailboxAccessException)
        {
            return (null, null, Message(request, StatusCodes.Status503ServiceUnavailable, "Try again later",
                "Outreach could not check that this mailbox is enrolled. Try the link again later; nothing was sent."));
        }

        if (!decision.IsEnrolled)
        {
            return (null, null, Message(request, StatusCodes.Status403Forbidden, "This mailbox is not enrolled",
                decision.Status == EnrollmentStatus.OptedOut
                    ? "You asked Outreach to stop analysing your mailbox, so this page is closed; your administrator can enrol it again. Nothing was sent."
                    : $"Outreach is not enabled for this mailbox (setting {decision.Setting}); your administrator decides which mailboxes are enrolled. Nothing was sent."));
        }

        var digest = await store.GetAsync(link.Mailbox, link.Week, cancellationToken);
        if (digest is null || digest.Contacts.Count == 0)
        {
            return (null, null, Message(request, StatusCodes.Status404NotFound, "Nothing to review", "This digest no longer exists; nothing was sent."));
        }

        return (link, digest, null);
    }
}
