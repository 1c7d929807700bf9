using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Functions.BrowserTests.Support;

namespace Outreach.Functions.BrowserTests;

/// <summary>
/// The owner's side of the weekly digest in headless chromium: the email's signed link opens the review
/// page, choices are sent, each contact's result shows, and the loopback Graph server and the stores
/// show exactly what happened. Screenshots of the page, the results and the email go to artifacts/screenshots.
/// </summary>
public sealed partial class ReviewPageBrowserTests : IAsyncLifetime
{
    private ReviewSite _site = null!;
    private ChromeDriver _driver = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _driver = Browser.Start();
        _site = await ReviewSite.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        if (_site is not null) await _site.DisposeAsync();
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    [GeneratedRegex("href=\"([^\"]*/api/review\\?[^\"]*)\"")]
    private static partial Regex ReviewHref();

    private static string LinkIn(string html) => WebUtility.HtmlDecode(ReviewHref().Match(html).Groups[1].Value);

    private IWebElement Fieldset(int index) => _driver.FindElement(By.Id($"contact-{index}"));

    /// <summary>
    /// Waits for the page a click or a navigation leads to, then checks its heading. A click on Send returns
    /// before the POST does (it answers only after the invitations went out), so reading the heading at once
    /// races the navigation.
    /// </summary>
    private void AssertHeading(string expected)
    {
        string? seen = null;
        var wait = new WebDriverWait(_driver, TimeSpan.FromSeconds(30));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        try
        {
            wait.Until(driver =>
            {
                var headings = driver.FindElements(By.TagName("h1"));
                seen = headings.Count == 1 ? headings[0].Text : null;
                return seen == expected;
            });
        }
        catch (WebDriverTimeoutException)
        {
            // Reported by the assertion below, with the heading that was there instead.
        }

        Assert.Equal(expected, seen);
    }

    private void Choose(int index, string value) => Fieldset(index).FindElement(By.CssSelector($"input[type=radio][value='{value}']")).Click();

    private string OutcomeOf(string contact)
    {
        var found = _driver.FindElements(By.CssSelector($"ol.results li[data-contact='{contact}']"));
        Assert.True(found.Count == 1, $"No result for {contact} on the page, which says: {_driver.FindElement(By.TagName("main")).Text}");
        return found[0].GetAttribute("data-outcome") ?? "";
    }

    [Fact]
    public async Task Owner_opens_the_signed_link_picks_modes_sends_and_sees_each_result()
    {
        var owner = Unique("avery");
        var (digest, mail) = await _site.ScanAndSendDigestAsync(owner, Cancel);
        var contacts = digest.Record!.Contacts;
        var graph = _site.Graph.Mailbox(owner);

        // The email itself, as the loopback server captured it, rendered by chromium.
        var html = (string)mail["body"]!["content"]!;
        var emailFile = Path.Combine(Artifacts.Screenshots, "digest-email.html");
        await File.WriteAllTextAsync(emailFile, html, Cancel);
        _driver.Navigate().GoToUrl(new Uri(emailFile).AbsoluteUri);
        Assert.Equal(contacts.Count, contacts.Count(c => _driver.PageSource.Contains(WebUtility.HtmlEncode(c.Email), StringComparison.Ordinal)));
        Browser.Screenshot(_driver, "digest-email.png", 640);
        Browser.Screenshot(_driver, "digest-email-mobile.png", 375, mobile: true);

        // Opening the page (as a mail scanner's prefetch would) sends nothing.
        _driver.Navigate().GoToUrl(LinkIn(html));
        AssertHeading("Who would you like to meet?");
        Assert.Equal(contacts.Count, _driver.FindElements(By.CssSelector("fieldset")).Count);
        Assert.Equal(0, graph.CreatedEventCount);
        Browser.Screenshot(_driver, "review-page.png", 1024);
        Browser.Screenshot(_driver, "review-page-mobile.png", 375, mobile: true);

        Choose(0, "video");
        Choose(1, "in-person");
        Fieldset(1).FindElement(By.Name("location-1")).SendKeys("Café Nord, Aarhus");
        Choose(2, "not-now");
        Choose(3, "never");
        _driver.FindElement(By.CssSelector("button[value=send]")).Click();

        AssertHeading("Done");
        Assert.Equal("invited", OutcomeOf(contacts[0].Email));
        Assert.Equal("invited", OutcomeOf(contacts[1].Email));
        Assert.Equal("snoozed", OutcomeOf(contacts[2].Email));
        Assert.Equal("donotcontact", OutcomeOf(contacts[3].Email));
        Assert.All(contacts.Skip(4), c => Assert.Equal("left", OutcomeOf(c.Email)));
        Browser.Screenshot(_driver, "review-results.png", 1024);

        // Exactly two invitations: a Teams call to the first, an in-person meeting at the place to the second.
        Assert.Equal(2, graph.CreatedEventCount);
        var events = graph.PostedEvents;
        var video = Assert.Single(events, e => (string?)e["attendees"]![0]!["emailAddress"]!["address"] == contacts[0].Email);
        Assert.True((bool?)video["isOnlineMeeting"]);
        var inPerson = Assert.Single(events, e => (string?)e["attendees"]![0]!["emailAddress"]!["address"] == contacts[1].Email);
        Assert.Equal("Café Nord, Aarhus", (string?)inPerson["location"]!["displayName"]);
        var ledger = _site.Get<IInvitationLedger>();
        Assert.Equal(InvitationStatus.Sent, (await ledger.GetAsync(owner, contacts[0].Email, Cancel))!.Status);
        Assert.Null(await ledger.GetAsync(owner, contacts[2].Email, Cancel));

        // "Not now" is a snooze of the configured length; "never" is the do-not-contact list.
        var snoozed = await _site.Get<IDigestStore>().ListSnoozedAsync(owner, ReviewSite.AsOf, Cancel);
        Assert.Equal(ReviewSite.AsOf.AddDays(28), Assert.Single(snoozed, s => s.Key == contacts[2].Email).Value);
        Assert.Contains(contacts[3].Email, await _site.Get<ISuppressionList>().ListAsync(owner, Cancel));

        // Back and send the same choices again: the page is fetched anew (no-store, a new form token) and
        // nothing is sent a second time.
        _driver.Navigate().Back();
        AssertHeading("Who would you like to meet?");
        Choose(0, "video");
        Choose(1, "in-person");
        var location = Fieldset(1).FindElement(By.Name("location-1"));
        location.Clear();
        location.SendKeys("Café Nord, Aarhus");
        Choose(2, "not-now");
        Choose(3, "never");
        _driver.FindElement(By.CssSelector("button[value=send]")).Click();
        AssertHeading("Done");
        Assert.Equal("alreadyinvited", OutcomeOf(contacts[0].Email));
        Assert.Equal("alreadyinvited", OutcomeOf(contacts[1].Email));
        Assert.Equal("snoozed", OutcomeOf(contacts[2].Email));
        Assert.Equal("donotcontact", OutcomeOf(contacts[3].Email));
        Assert.Equal(2, graph.CreatedEventCount);
        Assert.Equal(2, graph.PostedEvents.Count);
    }

    [Fact]
    public async Task Tampered_and_expired_links_show_a_clear_page_and_send_nothing()
    {
        var owner = Unique("blake");
        var (digest, mail) = await _site.ScanAndSendDigestAsync(owner, Cancel);
        var link = LinkIn((string)mail["body"]!["content"]!);
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        var graph = _site.Graph.Mailbox(owner);

        // Another mailbox under the same signature.
        _driver.Navigate().GoToUrl(link.Replace(Uri.EscapeDataString(owner), Uri.EscapeDataString(Unique("mallory")), StringComparison.Ordinal));
        AssertHeading("This link is not valid");
        Assert.Empty(_driver.FindElements(By.TagName("form")));
        Browser.Screenshot(_driver, "review-tampered.png", 1024);

        // A later expiry under the same signature.
        var later = long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture) + 86_400;
        _driver.Navigate().GoToUrl(link.Replace($"exp={query["exp"]}", $"exp={later}", StringComparison.Ordinal));
        AssertHeading("This link is not valid");

        // Correctly signed, but expired.
        var links = _site.Get<ReviewLinks>();
        var expired = links.Sign(owner, digest.Record!.Week, ReviewSite.AsOf.AddMinutes(-1));
        _driver.Navigate().GoToUrl(_site.BaseUrl + "/api/review" + ReviewLinks.Query(expired));
        AssertHeading("This link has expired");

        // A form posted from a page the app did not render (no nonce cookie, made-up token) is refused.
        var valid = links.Sign(owner, digest.Record.Week, digest.Record.ExpiresAt);
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Screenshots, "forged-form.html"),
            $"<form method=post action=\"{_site.BaseUrl}/api/review{WebUtility.HtmlEncode(ReviewLinks.Query(valid))}\"><input name=nonce value=abc><input name=token value=abc><input name=choice-0 value=video><button id=go>go</button></form>",
            Cancel);
        _driver.Navigate().GoToUrl(new Uri(Path.Combine(Artifacts.Screenshots, "forged-form.html")).AbsoluteUri);
        _driver.FindElement(By.Id("go")).Click();
        AssertHeading("The form has expired");
        File.Delete(Path.Combine(Artifacts.Screenshots, "forged-form.html"));

        Assert.Equal(0, graph.CreatedEventCount);
        Assert.Empty(await _site.Get<IDigestStore>().ListSnoozedAsync(owner, ReviewSite.AsOf, Cancel));
    }

    [Fact]
    public async Task The_page_offers_to_stop_the_weekly_emails()
    {
        var owner = Unique("casey");
        var (_, mail) = await _site.ScanAndSendDigestAsync(owner, Cancel);

        _driver.Navigate().GoToUrl(LinkIn((string)mail["body"]!["content"]!));
        Choose(0, "video");
        _driver.FindElement(By.CssSelector("button[value=unsubscribe]")).Click();

        AssertHeading("No more weekly digests");
        Assert.True(await _site.Get<IDigestStore>().IsOptedOutAsync(owner, Cancel));
        Assert.Equal(0, _site.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task The_owner_stops_the_analysis_of_their_mailbox_which_erases_it_and_closes_the_page()
    {
        var owner = Unique("devon");
        var (_, mail) = await _site.ScanAndSendDigestAsync(owner, Cancel);
        var link = LinkIn((string)mail["body"]!["content"]!);

        _driver.Navigate().GoToUrl(link);
        _driver.FindElement(By.Id("confirm-stop")).Click();
        _driver.FindElement(By.CssSelector("button[value=stop-analysing]")).Click();

        AssertHeading("Outreach has stopped analysing your mailbox");
        Assert.True(await _site.Get<Outreach.Core.Enrollment.IEnrollmentOptOutStore>().IsOptedOutAsync(owner, Cancel));
        Assert.Null(await _site.Get<Outreach.Core.State.IMailboxStateStore>().LoadAsync(owner, Cancel));

        // The same link now shows that the mailbox left, and offers nothing to send.
        _driver.Navigate().GoToUrl(link);
        AssertHeading("This mailbox is not enrolled");
        Assert.Empty(_driver.FindElements(By.TagName("form")));
    }
}
