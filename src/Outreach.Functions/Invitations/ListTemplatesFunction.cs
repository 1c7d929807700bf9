using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Invitations.Templates;

namespace Outreach.Functions.Invitations;

/// <summary><c>GET /api/templates</c>: the invitation templates a request may name.</summary>
public sealed class ListTemplatesFunction(ITemplateCatalog templates)
{
    [Function(nameof(ListTemplatesFunction))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "templates")] HttpRequest request) =>
        new OkObjectResult(new
        {
            templates = templates.List().Select(t => new { name = t.Name, mode = InvitationModes.Name(t.Mode), builtIn = t.IsBuiltIn }),
        });
}
