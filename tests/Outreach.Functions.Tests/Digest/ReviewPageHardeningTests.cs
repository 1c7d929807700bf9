using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Outreach.Core.Digest;
using Outreach.Functions.Digest;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Digest;

/// <summary>The review page as a browser uses it: a cookie jar across tabs and links, replays, concurrent submits.</summary>
[Collection(QueueCollection.Name)]
public sealed partial class ReviewPageHardeningTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    [GeneratedRegex("name=\"nonce\" value=\"([^\"]*)\"")]
    private static partial Regex NonceField();

    [GeneratedRegex("name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    private static async Task<(PipelineHarness Harness, DigestRecord Digest, ReviewLink Link)> DigestSentAsync(string owner, string baseUrl = "https://outreach.example.test")
    {
        var settings = WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40));
        settings["Outreach:Digest:PublicBaseUrl"] = baseUrl;
        var harness = await PipelineHarness.StartAsync([owner], settings);
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var record = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        return (harness, record, harness.Get<ReviewLinks>().Sign(owner, record.Week, record.ExpiresAt));
    }

    /// <summary>A browser's cookies for /api/review: later Set-Cookie headers replace earlier cookies of the same name.</summary>
    private sealed class CookieJar
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public List<string> SetCookieHeaders { get; } = [];

        public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

        public void Take(IHeaderDictionary headers)
        {
            foreach (var header in headers.SetCookie.Select(h => h ?? ""))
            {
                SetCookieHeaders.Add(header);
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
    }

    private sealed record OpenPage(ReviewLink Link, string Nonce, string Token);

    private static async Task<OpenPage> OpenAsync(PipelineHarness harness, ReviewLink link, CookieJar jar)
    {
        var request = ActionResults.Request(method: "GET", query: ReviewLinks.Query(link));
        if (jar.Header.Length > 0) request.Headers.Cookie = jar.Header;
        var (status, _, body, _) = await ActionResults.ExecuteAsync(await harness.Get<ReviewPageFunction>().RunAsync(request, Cancel));
        Assert.Equal(200, status);
        jar.Take(request.HttpContext.Response.Headers);
        return new OpenPage(link, NonceField().Match(body).Groups[1].Value, TokenField().Match(body).Groups[1].Value);
    }

    private static async Task<(int Status, string Body)> SubmitAsync(
        PipelineHarness harness, ReviewLink link, string nonce, string token, string cookieHeader, Dictionary<string, StringValues> choices)
    {
        var request = ActionResults.Request(method: "POST", query: ReviewLinks.Query(link));
        var fields = new Dictionary<string, StringValues>(choices) { ["nonce"] = nonce, ["token"] = token, ["action"] = "send" };
        request.ContentType = "application/x-www-form-urlencoded";
        request.Form = new FormCollection(fields);
        request.Headers.Cookie = cookieHeader;
        var (status, _, body, _) = await ActionResults.ExecuteAsync(await harness.Get<ReviewSubmitFunction>().RunAsync(request, Cancel));
        return (status, body);
    }

    [Fact]
    public async Task Pages_open_in_two_tabs_and_another_weeks_page_can_all_be_submitted()
    {
        var owner = Unique("avery");
        var (harness, digest, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        // Last week's digest, still within its link's validity.
        var lastWeek = new IsoWeek(digest.Week.Year, digest.Week.Week - 1);
        var store = harness.Get<IDigestStore>();
        Assert.True(await store.TryReserveAsync(digest with { Week = lastWeek, State = DigestState.Sent, ETag = null }, Cancel));
        var lastWeeksLink = harness.Get<ReviewLinks>().Sign(owner, lastWeek, digest.ExpiresAt);
        var jar = new CookieJar();

        var firstTab = await OpenAsync(harness, link, jar);
        var secondTab = await OpenAsync(harness, link, jar);
        var lastWeeksTab = await OpenAsync(harness, lastWeeksLink, jar);

        foreach (var page in new[] { firstTab, secondTab, lastWeeksTab })
        {
            var (status, body) = await SubmitAsync(harness, page.Link, page.Nonce, page.Token, jar.Header, new() { ["choice-0"] = "not-now" });
            Assert.True(status == 200, $"{page.Link.Week}: {status} {body}");
        }

        Assert.Contains(digest.Contacts[0].Email, (await store.ListSnoozedAsync(owner, PipelineHarness.AsOf, Cancel)).Keys);
    }

    [Fact]
    public async Task On_an_https_address_the_nonce_cookie_is_Secure_and_Secure_prefixed_and_on_http_it_is_neither()
    {
        var owner = Unique("blake");
        var (harness, _, link) = await DigestSentAsync(owner);
        await using (harness)
        {
            var jar = new CookieJar();
            await OpenAsync(harness, link, jar);

            var cookie = Assert.Single(jar.SetCookieHeaders);
            Assert.StartsWith("__Secure-outreach_review_", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(link.Week.ToString(), cookie.Split('=')[0], StringComparison.Ordinal);
        }

        var local = Unique("casey");
        var (plain, _, localLink) = await DigestSentAsync(local, "http://127.0.0.1:7071");
        await using (plain)
        {
            var jar = new CookieJar();
            await OpenAsync(plain, localLink, jar);
            var cookie = Assert.Single(jar.SetCookieHeaders);
            Assert.StartsWith("outreach_review_", cookie, StringComparison.Ordinal);
            Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_valid_cookie_and_token_on_an_expired_or_tampered_link_send_nothing()
    {
        var owner = Unique("devon");
        var (harness, digest, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var links = harness.Get<ReviewLinks>();
        var options = harness.Get<IOptions<DigestOptions>>().Value;
        var expired = links.Sign(owner, link.Week, PipelineHarness.AsOf.AddSeconds(-1));
        var video = new Dictionary<string, StringValues> { ["choice-0"] = "video", ["choice-1"] = "video" };

        async Task<int> PostAsync(ReviewLink signedFor, ReviewLink sentAs)
        {
            var nonce = ReviewLinks.NewNonce();
            var (status, body) = await SubmitAsync(harness, sentAs, nonce, links.FormToken(signedFor, nonce),
                $"{ReviewResponses.NonceCookie(sentAs, options)}={nonce}", video);
            Assert.Contains("nothing was sent", body, StringComparison.Ordinal);
            return status;
        }

        Assert.Equal(410, await PostAsync(expired, expired));
        // The token and cookie are right for the link; the link itself was changed on the way.
        Assert.Equal(403, await PostAsync(link, link with { ExpiresAt = link.ExpiresAt.AddDays(30) }));
        Assert.Equal(403, await PostAsync(link, link with { Mailbox = Unique("mallory") }));
        Assert.Equal(403, await PostAsync(link, link with { Signature = link.Signature[..^1] }));

        Assert.Equal(0, harness.Graph.Mailbox(owner).CreatedEventCount);
        Assert.Empty(await harness.Get<Outreach.Core.Invitations.IInvitationLedger>().ListAsync(owner, Cancel));
        Assert.NotEmpty(digest.Contacts);
    }

    [Fact]
    public async Task Two_concurrent_posts_of_the_same_form_send_one_invitation_per_contact()
    {
        var owner = Unique("emery");
        var (harness, digest, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var jar = new CookieJar();
        var page = await OpenAsync(harness, link, jar);
        var choices = new Dictionary<string, StringValues> { ["choice-0"] = "video", ["choice-1"] = "video" };

        var posts = await Task.WhenAll(
            Task.Run(() => SubmitAsync(harness, link, page.Nonce, page.Token, jar.Header, choices), Cancel),
            Task.Run(() => SubmitAsync(harness, link, page.Nonce, page.Token, jar.Header, choices), Cancel));

        Assert.All(posts, p => Assert.Equal(200, p.Status));
        Assert.Equal(2, harness.Graph.Mailbox(owner).CreatedEventCount);
        var ledger = await harness.Get<Outreach.Core.Invitations.IInvitationLedger>().ListAsync(owner, Cancel);
        Assert.Equal(
            new[] { digest.Contacts[0].Email, digest.Contacts[1].Email }.Order(StringComparer.Ordinal),
            ledger.Select(e => e.Contact).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_second_post_while_the_first_is_still_creating_the_events_answers_normally_and_sends_nothing_more()
    {
        var owner = Unique("finley");
        var (harness, digest, link) = await DigestSentAsync(owner);
        await using var _ = harness;
        var jar = new CookieJar();
        var page = await OpenAsync(harness, link, jar);
        var choices = new Dictionary<string, StringValues> { ["choice-0"] = "video" };
        // Every Graph call takes a second: the second post reads the ledger after the first reserved the
        // contact and resumes that pending invitation (same transactionId) while the first is still creating it.
        harness.Graph.ResponseDelay = TimeSpan.FromSeconds(1);

        var first = Task.Run(() => SubmitAsync(harness, link, page.Nonce, page.Token, jar.Header, choices), Cancel);
        await Task.Delay(TimeSpan.FromMilliseconds(1500), Cancel);
        var second = Task.Run(() => SubmitAsync(harness, link, page.Nonce, page.Token, jar.Header, choices), Cancel);
        var posts = await Task.WhenAll(first, second);

        Assert.All(posts, p => Assert.Equal(200, p.Status));
        Assert.All(posts, p => Assert.Contains("data-outcome=\"invited\"", p.Body, StringComparison.Ordinal));
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        var entry = Assert.Single(await harness.Get<Outreach.Core.Invitations.IInvitationLedger>().ListAsync(owner, Cancel));
        Assert.Equal((digest.Contacts[0].Email, Outreach.Core.Invitations.InvitationStatus.Sent), (entry.Contact, entry.Status));
    }

    [Fact]
    public void Every_value_on_the_review_page_is_encoded_even_a_hostile_name_reason_email_and_location()
    {
        const string Hostile = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>";
        var contact = new DigestContact($"o'neil\"><svg onload=alert(3)>@fabrikam.com", "Dana " + Hostile, 0.9, 3, 1, ["said " + Hostile, "<b>bold</b>"]);
        var digest = new DigestRecord
        {
            Mailbox = "avery@contoso.com", Week = new IsoWeek(2026, 10), State = DigestState.Sent, ReservedAt = DateTimeOffset.UnixEpoch,
            ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(8), Contacts = [contact],
        };
        var location = "Room 1 " + Hostile;
        var outcomes = new[] { new ReviewOutcome(contact, ReviewChoice.InPerson, ReviewOutcomeKind.Invited, $"Invited to meet at {location}.") };

        var pages = new[]
        {
            ReviewHtml.Form(digest, "?m=a&w=" + Hostile, ReviewLinks.NewNonce(), "token", "csp"),
            ReviewHtml.Results(digest, outcomes, "csp"),
            ReviewHtml.Message("Please check " + Hostile, $"location-0: the location {location} is too long", "csp"),
        };

        foreach (var html in pages)
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
            // No value closes its attribute: every double quote left belongs to the markup.
            Assert.DoesNotContain("\"'>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\"><svg", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;svg onload=alert(3)&gt;@fabrikam.com", pages[0], StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=alert(3)&gt;@fabrikam.com", pages[1], StringComparison.Ordinal);
        Assert.Contains("Room 1 &quot;&#x27;&gt;&lt;script&gt;", pages[1], StringComparison.Ordinal);
    }
}
