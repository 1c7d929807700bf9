using System.Net;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Outreach.Core.Sources;

namespace Outreach.Graph.Reading;

/// <summary>
/// Turns Graph's refusals into messages a person can act on: the permission to grant, the mailbox that
/// does not exist, the throttling that outlasted the retries. An expired delta token becomes a signal
/// to resync rather than an error.
/// </summary>
internal static class GraphErrorTranslator
{
    private static readonly string[] ExpiredSyncCodes = ["SyncStateNotFound", "SyncStateInvalid", "resyncRequired", "InvalidSyncToken"];

    public static Exception Translate(Exception error, string mailbox, string stream, GraphOptions options)
    {
        var (status, code, detail) = Describe(ref error);

        if (status == (int)HttpStatusCode.Gone || (code is not null && ExpiredSyncCodes.Contains(code, StringComparer.OrdinalIgnoreCase)))
        {
            return new SyncCursorExpiredException(stream, error);
        }

        var (what, permission, delegated) = stream switch
        {
            "calendar" => ("calendar", GraphPermissions.CalendarsRead, GraphPermissions.CalendarsRead),
            Teams.GraphTeamsReader.CallsStream => ("Teams call records", $"{GraphPermissions.CallRecordsReadAll} (and {GraphPermissions.UserReadBasicAll} to map participants)", "none (call records have no delegated permission)"),
            Teams.GraphTeamsReader.ChatsStream => ("Teams chats", $"{GraphPermissions.ChatReadAll} (a protected API: Microsoft must approve the app first, https://learn.microsoft.com/graph/teams-protected-apis) and {GraphPermissions.UserReadBasicAll}", "Chat.Read"),
            _ => ("mail", GraphPermissions.MailApplication(options), GraphPermissions.MailDelegated(options)),
        };
        var graphSays = code is null ? detail : $"{code}: {detail}";
        return status switch
        {
            401 => new MailboxAccessException(
                MailboxAccessFailure.Unauthorized,
                $"Microsoft Graph rejected the credentials (401 {graphSays}). Check the token in {GraphOptions.TokenEnvironmentVariable}, "
                + "or the tenant, client id and secret/certificate of the app registration, and that the token is for this cloud's Graph.",
                status, error),
            403 => new MailboxAccessException(
                MailboxAccessFailure.Forbidden,
                $"Microsoft Graph denied access to the {what} of {mailbox} (403 {graphSays}). Grant the application permission "
                + $"{permission} with admin consent (or, signed in as the user, the delegated permission {delegated}); if Exchange Online "
                + "RBAC for Applications or an application access policy limits the app, add this mailbox to its scope.",
                status, error),
            404 => new MailboxAccessException(
                MailboxAccessFailure.NotFound,
                $"No mailbox was found for '{mailbox}' (404 {graphSays}). Check the user principal name, and that the user has an Exchange Online mailbox.",
                status, error),
            429 or 503 or 504 => new MailboxAccessException(
                MailboxAccessFailure.Throttled,
                $"Microsoft Graph kept throttling the {what} of {mailbox} ({status}) after {options.MaxRetries} retries. Try again later.",
                status, error),
            0 => new MailboxAccessException(
                MailboxAccessFailure.Failed,
                $"Microsoft Graph at {options.BaseUrl} could not be reached: {detail}",
                null, error),
            _ => new MailboxAccessException(
                MailboxAccessFailure.Failed,
                $"Microsoft Graph refused to read the {what} of {mailbox} ({status} {graphSays}).",
                status, error),
        };
    }

    /// <summary>A refusal while inviting: reading the owner's settings or free/busy, or creating the event.</summary>
    public static MailboxAccessException TranslateCalendarWrite(Exception error, string mailbox, string what, GraphOptions options)
    {
        var (status, code, detail) = Describe(ref error);
        var graphSays = code is null ? detail : $"{code}: {detail}";
        var permission = what switch
        {
            "profile" => "User.ReadBasic.All",
            "mailboxSettings" => "MailboxSettings.Read",
            "sendMail" => GraphPermissions.MailSend,
            _ => "Calendars.ReadWrite",
        };
        return status switch
        {
            401 => new MailboxAccessException(MailboxAccessFailure.Unauthorized,
                $"Microsoft Graph rejected the credentials (401 {graphSays}).", status, error),
            403 => new MailboxAccessException(MailboxAccessFailure.Forbidden,
                $"Microsoft Graph denied {what} for {mailbox} (403 {graphSays}). Grant the application permission {permission} with admin consent (delegated: {permission.Replace(".All", "", StringComparison.Ordinal)}).",
                status, error),
            404 => new MailboxAccessException(MailboxAccessFailure.NotFound,
                $"No mailbox was found for '{mailbox}' (404 {graphSays}).", status, error),
            // sendMail is retried on 429 only (GraphDigestMailer): a 503/504 may come after the mail was accepted.
            503 or 504 when what == "sendMail" => new MailboxAccessException(MailboxAccessFailure.Failed,
                $"Microsoft Graph answered sendMail for {mailbox} with {status} ({graphSays}); not retried, as the message may have been sent.", status, error),
            429 or 503 or 504 => new MailboxAccessException(MailboxAccessFailure.Throttled,
                $"Microsoft Graph kept throttling {what} for {mailbox} ({status}) after {options.MaxRetries} retries.", status, error),
            0 => new MailboxAccessException(MailboxAccessFailure.Failed, $"Microsoft Graph at {options.BaseUrl} could not be reached: {detail}", null, error),
            _ => new MailboxAccessException(MailboxAccessFailure.Failed, $"Microsoft Graph refused {what} for {mailbox} ({status} {graphSays}).", status, error),
        };
    }

    /// <summary>A refusal to list the group of mailboxes in scope.</summary>
    public static MailboxAccessException TranslateDirectory(Exception error, string groupId, GraphOptions options)
    {
        var (status, code, detail) = Describe(ref error);
        var graphSays = code is null ? detail : $"{code}: {detail}";
        return status switch
        {
            403 => new MailboxAccessException(MailboxAccessFailure.Forbidden,
                $"Microsoft Graph denied listing the members of group {groupId} (403 {graphSays}). Grant the application permission GroupMember.Read.All with admin consent.",
                status, error),
            404 => new MailboxAccessException(MailboxAccessFailure.NotFound,
                $"No Entra group '{groupId}' was found (404 {graphSays}). Check Outreach__Pipeline__MailboxGroupId (the group's object id).",
                status, error),
            _ => new MailboxAccessException(MailboxAccessFailure.Failed,
                $"Microsoft Graph at {options.BaseUrl} could not list group {groupId} ({status} {graphSays}).", status == 0 ? null : status, error),
        };
    }

    /// <summary>
    /// The status, Graph error code and message of a failure. When its retries run out, the SDK's retry
    /// handler throws every attempt's error together: the last one speaks for them.
    /// </summary>
    private static (int Status, string? Code, string? Detail) Describe(ref Exception error)
    {
        if (error is AggregateException { InnerExceptions: [.., var last] }) error = last;
        return error switch
        {
            ODataError odata => (odata.ResponseStatusCode, odata.Error?.Code, odata.Error?.Message),
            ApiException api => (api.ResponseStatusCode, null, api.Message),
            _ => (0, null, error.Message),
        };
    }

    public static bool IsGraphFailure(Exception error) =>
        error is ApiException or HttpRequestException or TaskCanceledException { InnerException: TimeoutException }
        || (error is AggregateException aggregate && aggregate.InnerExceptions.All(IsGraphFailure));
}
