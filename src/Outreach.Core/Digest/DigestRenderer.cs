using System.Globalization;
using Fluid;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations.Templates;

namespace Outreach.Core.Digest;

public sealed record RenderedDigest(string Subject, string HtmlBody);

/// <summary>
/// Renders the digest email from <see cref="DigestTemplate"/> with the invitation templates' Fluid parser
/// and options (strict variables, no <c>raw</c> filter): the body HTML-encodes every value, the subject is
/// plain text with control characters removed.
/// </summary>
public sealed class DigestRenderer
{
    private static readonly Lazy<(IFluidTemplate Subject, IFluidTemplate Body)> Templates = new(() =>
        (LiquidTemplates.Parser.Parse(DigestTemplate.Subject), LiquidTemplates.Parser.Parse(DigestTemplate.Body)));

    public RenderedDigest Render(DigestRecord record, string? ownerName, string reviewUrl)
    {
        ArgumentNullException.ThrowIfNull(record);
        var variables = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["count"] = record.Contacts.Count,
            ["week"] = record.Week.ToString(),
            ["owner"] = PlainText.SingleLine(ownerName),
            ["review_url"] = reviewUrl,
            ["expires"] = record.ExpiresAt.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture),
            ["contacts"] = record.Contacts.Select(Contact).ToArray(),
        };
        var (subject, body) = Templates.Value;
        return new RenderedDigest(
            PlainText.Subject(LiquidTemplates.Render(subject, variables, NullEncoder.Default), InvitationTemplateRenderer.MaxSubjectLength),
            LiquidTemplates.Render(body, variables, LiquidTemplates.BodyEncoder));
    }

    /// <summary>The share of the conversation each side wrote, in whole percent that add up to 100.</summary>
    public static (int Sent, int Received) ChannelMix(int sent, int received)
    {
        var total = sent + received;
        if (total <= 0) return (0, 0);
        var sentPct = (int)Math.Round(100.0 * sent / total, MidpointRounding.AwayFromZero);
        return (sentPct, 100 - sentPct);
    }

    private static Dictionary<string, object> Contact(DigestContact contact)
    {
        var (sentPct, receivedPct) = ChannelMix(contact.Sent, contact.Received);
        var name = PlainText.SingleLine(contact.DisplayName);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = name.Length == 0 ? contact.Email : name,
            // A LinkedIn-only contact has no address to show; its profile is the link below instead.
            ["email"] = contact.IsLinkedInOnly ? "" : contact.Email,
            ["linkedin_only"] = contact.IsLinkedInOnly,
            // Only an https://www.linkedin.com/ URL is ever a link (checked when listed); the body encoder HTML-encodes it.
            ["linkedin_url"] = ProfileUrls.SafeLink(contact.LinkedinUrl) ?? "",
            ["sent"] = contact.Sent,
            ["received"] = contact.Received,
            ["sent_pct"] = sentPct,
            ["received_pct"] = receivedPct,
            ["reasons"] = contact.Reasons.Select(r => PlainText.SingleLine(r)).ToArray(),
        };
    }
}
