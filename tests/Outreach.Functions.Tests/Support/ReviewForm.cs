using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Outreach.Core.Digest;
using Outreach.Functions.Digest;

namespace Outreach.Functions.Tests.Support;

/// <summary>Posts a digest's review form as the owner's browser would: the page's nonce, its form token and the matching cookie.</summary>
internal static class ReviewForm
{
    public static async Task<(int Status, string Body)> PostAsync(
        PipelineHarness harness, ReviewLink link, string nonce, Dictionary<string, StringValues> fields, CancellationToken cancellationToken)
    {
        var request = ActionResults.Request(method: "POST", query: ReviewLinks.Query(link));
        fields["nonce"] = nonce;
        fields["token"] = harness.Get<ReviewLinks>().FormToken(link, nonce);
        request.ContentType = "application/x-www-form-urlencoded";
        request.Form = new FormCollection(fields);
        request.Headers.Cookie = $"{ReviewResponses.NonceCookie(link, harness.Get<IOptions<DigestOptions>>().Value)}={nonce}";
        var (status, _, body, _) = await ActionResults.ExecuteAsync(await harness.Get<ReviewSubmitFunction>().RunAsync(request, cancellationToken));
        return (status, body);
    }
}
