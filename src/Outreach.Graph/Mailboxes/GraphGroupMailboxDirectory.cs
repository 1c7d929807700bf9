using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Mailboxes;

/// <summary>
/// The mailboxes in scope: the configured list plus the enabled user members (transitive) of the
/// configured Entra group. Listing a group needs GroupMember.Read.All (application).
/// </summary>
public sealed class GraphGroupMailboxDirectory(GraphServiceClient client, IOptions<PipelineOptions> pipeline, IOptions<GraphOptions> graph)
    : IMailboxDirectory
{
    public async Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken)
    {
        var mailboxes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var configured in pipeline.Value.Mailboxes.Where(EmailAddresses.IsValid)) mailboxes.Add(EmailAddresses.Normalize(configured));

        if (pipeline.Value.MailboxGroupId is { Length: > 0 } groupId)
        {
            var members = client.Groups[groupId].TransitiveMembers.GraphUser;
            try
            {
                var page = await members.GetAsync(request =>
                {
                    request.QueryParameters.Select = ["id", "userPrincipalName", "mail", "accountEnabled"];
                    request.QueryParameters.Top = 999;
                }, cancellationToken);
                while (page is not null)
                {
                    foreach (var user in page.Value ?? [])
                    {
                        var address = user.Mail ?? user.UserPrincipalName;
                        if (user.AccountEnabled != false && EmailAddresses.IsValid(address)) mailboxes.Add(EmailAddresses.Normalize(address!));
                    }

                    page = page.OdataNextLink is { } next
                        ? await members.WithUrl(next).GetAsync(cancellationToken: cancellationToken)
                        : null;
                }
            }
            catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
            {
                throw GraphErrorTranslator.TranslateDirectory(error, groupId, graph.Value);
            }
        }

        return [.. mailboxes];
    }
}
