using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Outreach.Core.Contacts;
using Outreach.Core.Sources;

namespace Outreach.Graph.Teams;

/// <summary>
/// Turns directory object ids (of call participants and chat members) into addresses, once per id per run:
/// <c>GET /users/{id}?$select=id,mail,userPrincipalName,displayName</c>, all of which the basic profile holds, so
/// User.ReadBasic.All is enough (https://learn.microsoft.com/graph/permissions-reference#userreadbasicall). The mail
/// address wins; a UPN is used only when it is not a guest's <c>#EXT#</c> name. An id the directory does not know
/// (another tenant's user, a deleted one) maps to nothing. One request per distinct person: a run meets few people,
/// so $batch would save little and cost a second error path.
/// </summary>
internal sealed class DirectoryAddresses(GraphServiceClient client, string mailbox, string ownerId, Func<Exception, Exception> translate)
{
    private readonly Dictionary<string, EmailParticipant?> _known = new(StringComparer.OrdinalIgnoreCase);

    public string OwnerId { get; } = ownerId;

    /// <summary>The owner, named by the mailbox the scan was asked for, so sent and received are told apart by the same address.</summary>
    public EmailParticipant Owner { get; } = new(EmailAddresses.Normalize(mailbox), null);

    /// <summary>Remembers an address a source already gave for a user (a chat member's email), saving the lookup.</summary>
    public void Know(string userId, EmailParticipant participant) => _known.TryAdd(userId, participant);

    public async Task<EmailParticipant?> AddressOfAsync(string userId, string? displayName, CancellationToken cancellationToken)
    {
        if (userId.Equals(OwnerId, StringComparison.OrdinalIgnoreCase)) return Owner;
        if (_known.TryGetValue(userId, out var known)) return known;

        EmailParticipant? found = null;
        try
        {
            var user = await client.Users[userId].GetAsync(request =>
                request.QueryParameters.Select = ["id", "mail", "userPrincipalName", "displayName"], cancellationToken);
            var address = !string.IsNullOrWhiteSpace(user?.Mail) ? user.Mail
                : user?.UserPrincipalName is { } upn && !upn.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) ? upn : null;
            if (EmailAddresses.TryNormalize(address, out var normalized)) found = new EmailParticipant(normalized, user?.DisplayName ?? displayName);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // Not in this directory: a federated user, or one deleted since. Unmappable, not a failure.
        }
        catch (Exception error) when (Reading.GraphErrorTranslator.IsGraphFailure(error))
        {
            throw translate(error);
        }

        _known[userId] = found;
        return found;
    }
}
