using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Outreach.Core.Digest;
using Outreach.Functions.Digest;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Digest;

/// <summary>The review functions on their own (the browser tests drive the whole flow): headers, cookie, refusals.</summary>
[Collection(QueueCollection.Name)]
public sealed class ReviewFunctionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static async Task<(PipelineHarness Harness, ReviewLink Link)> DigestSentAsync(string owner)
    {
        var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var record = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        return (harness, harness.Get<ReviewLinks>().Sign(owner, record.Week, record.ExpiresAt));
    }

    [Fact]
    public async Task Get_shows_the_form_with_security_headers_and_a_strict_cookie_and_changes_nothing()
    {
        var owner = Unique("avery");
        var (harness, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var request = ActionResults.Request(method: "GET", query: ReviewLinks.Query(link));

        var result = await harness.Get<ReviewPageFunction>().RunAsync(request, Cancel);
        var (status, type, body, _) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(200, status);
        Assert.StartsWith("text/html", type, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.Ordinal);
        var headers = request.HttpContext.Response.Headers;
        Assert.Contains("frame-ancestors 'none'", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", headers.CacheControl.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        var cookie = headers.SetCookie.ToString();
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task Tampered_links_are_403_expired_links_410_and_a_post_without_the_cookie_400_with_nothing_sent()
    {
        var owner = Unique("casey");
        var (harness, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var links = harness.Get<ReviewLinks>();

        async Task<(int Status, string Body)> GetAsync(string query)
        {
            var (status, _, body, _) = await ActionResults.ExecuteAsync(
                await harness.Get<ReviewPageFunction>().RunAsync(ActionResults.Request(method: "GET", query: query), Cancel));
            return (status, body);
        }

        var otherMailbox = await GetAsync(ReviewLinks.Query(link with { Mailbox = Unique("mallory") }));
        var otherWeek = await GetAsync(ReviewLinks.Query(link with { Week = new IsoWeek(link.Week.Year, link.Week.Week + 1) }));
        var noSignature = await GetAsync(ReviewLinks.Query(link with { Signature = "" }));
        var expired = await GetAsync(ReviewLinks.Query(links.Sign(owner, link.Week, PipelineHarness.AsOf.AddSeconds(-1))));

        Assert.Equal(403, otherMailbox.Status);
        Assert.Contains("This link is not valid", otherMailbox.Body, StringComparison.Ordinal);
        Assert.Equal(403, otherWeek.Status);
        Assert.Equal(403, noSignature.Status);
        Assert.Equal(410, expired.Status);
        Assert.Contains("This link has expired", expired.Body, StringComparison.Ordinal);

        // A well-signed link and a valid token, but no cookie: a cross-site form cannot send it.
        var request = ActionResults.Request(method: "POST", query: ReviewLinks.Query(link));
        var nonce = ReviewLinks.NewNonce();
        request.ContentType = "application/x-www-form-urlencoded";
        request.Form = new FormCollection(new Dictionary<string, StringValues> { ["nonce"] = nonce, ["token"] = links.FormToken(link, nonce), ["choice-0"] = "video" });
        var (status, _, body, _) = await ActionResults.ExecuteAsync(await harness.Get<ReviewSubmitFunction>().RunAsync(request, Cancel));

        Assert.Equal(400, status);
        Assert.Contains("nothing was sent", body, StringComparison.Ordinal);
        Assert.Equal(0, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task Bad_form_input_is_a_400_page_naming_the_field_and_sends_nothing()
    {
        var owner = Unique("blake");
        var (harness, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var nonce = ReviewLinks.NewNonce();

        Task<(int Status, string Body)> PostAsync(Dictionary<string, StringValues> fields) => ReviewForm.PostAsync(harness, link, nonce, fields, Cancel);

        var unknown = await PostAsync(new() { ["choice-0"] = "carrier-pigeon" });
        var noPlace = await PostAsync(new() { ["choice-1"] = "in-person" });
        var tooLong = await PostAsync(new() { ["choice-1"] = "in-person", ["location-1"] = new string('x', 256) });
        var noSuchContact = await PostAsync(new() { ["choice-99"] = "video" });

        Assert.Equal((400, true), (unknown.Status, unknown.Body.Contains("choice-0", StringComparison.Ordinal)));
        Assert.Equal((400, true), (noPlace.Status, noPlace.Body.Contains("location-1", StringComparison.Ordinal)));
        Assert.Equal((400, true), (tooLong.Status, tooLong.Body.Contains("location-1", StringComparison.Ordinal)));
        Assert.Equal((400, true), (noSuchContact.Status, noSuchContact.Body.Contains("choice-99", StringComparison.Ordinal)));
        Assert.Equal(0, harness.Graph.Mailbox(owner).CreatedEventCount);

        // The same form, well filled, is accepted: the refusals above were the input's fault.
        var fine = await PostAsync(new() { ["choice-0"] = "not-now" });
        Assert.Equal(200, fine.Status);
    }
}
