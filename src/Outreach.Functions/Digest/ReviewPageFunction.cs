using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;

namespace Outreach.Functions.Digest;

/// <summary>
/// <c>GET /api/review?m=..&amp;w=..&amp;exp=..&amp;sig=..</c>: the digest's review page. Anonymous on purpose —
/// the HMAC signature is the authorisation, so emails carry no function key. GET only shows (mail scanners
/// prefetch links): it sets the form's nonce cookie (one per link) and changes nothing.
/// </summary>
public sealed class ReviewPageFunction(ReviewLinks links, IDigestStore store, IOptions<DigestOptions> options, IMailboxEnrollment enrollment)
{
    [Function(nameof(ReviewPageFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (link, digest, refusal) = await ReviewResponses.OpenAsync(request, links, store, options, enrollment, cancellationToken);
        if (refusal is not null) return refusal;

        // A page of this link already open in another tab keeps working: its nonce is reused, not replaced.
        var cookie = ReviewResponses.NonceCookie(link!, options.Value);
        var nonce = request.Cookies[cookie] is { } open && ReviewLinks.IsNonce(open) ? open : ReviewLinks.NewNonce();
        request.HttpContext.Response.Cookies.Append(cookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            // Behind the Functions front end the worker may see plain http: the public address decides.
            Secure = request.IsHttps || ReviewResponses.IsHttps(options.Value),
            SameSite = SameSiteMode.Strict,
            Path = "/api/review",
            MaxAge = TimeSpan.FromHours(12),
        });
        return ReviewResponses.Page(request, StatusCodes.Status200OK,
            cspNonce => ReviewHtml.Form(digest!, ReviewLinks.Query(link!), nonce, links.FormToken(link!, nonce), cspNonce));
    }
}
