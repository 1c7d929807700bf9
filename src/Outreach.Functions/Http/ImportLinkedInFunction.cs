using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Imports;
using Outreach.Core.Imports.LinkedIn;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Http;

/// <summary>
/// <c>POST /api/mailboxes/{mailbox}/imports/linkedin</c> with the owner's LinkedIn export zip as the body
/// (<c>application/zip</c>): merges its connections and message touchpoints into the mailbox's imports, which every
/// later scan counts. 200 with the counts (the CLI's JSON); 403 when the mailbox is not enrolled (checked before
/// the body is read: nothing stored); 413 over <see cref="ImportOptions.MaxUploadBytes"/>; 400 naming the field
/// for a body that is not an export.
/// </summary>
public sealed class ImportLinkedInFunction(LinkedInImporter importer, IMailboxEnrollment enrollment, IOptions<ImportOptions> options)
{
    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

    [Function(nameof(ImportLinkedInFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "mailboxes/{mailbox}/imports/linkedin")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox, "mailbox", cancellationToken) is { } refused) return refused;
        if (request.ContentType is { Length: > 0 } type && !ZipTypes.Any(z => type.StartsWith(z, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Invalid("Content-Type", $"'{type}' is not a zip; send the export as application/zip");
        }

        var max = options.Value.MaxUploadBytes;
        if (request.ContentLength > max) return Problems.TooLarge("body", max);
        var body = await BufferAsync(request.Body, max, cancellationToken);
        if (body is null) return Problems.TooLarge("body", max);
        if (body.Length == 0) return Problems.Invalid("body", "the body is empty; send the export's zip");

        try
        {
            return new OkObjectResult(await importer.ImportZipAsync(mailbox, body, cancellationToken));
        }
        catch (LinkedInExportException bad)
        {
            return Problems.Invalid("body", bad.Message);
        }
        catch (MailboxErasedException erased)
        {
            return Problems.Conflict(erased.Message);
        }
    }

    /// <summary>The body in memory (a zip must be seekable), or null as soon as it passes <paramref name="max"/> bytes.</summary>
    private static async Task<MemoryStream?> BufferAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await buffer.DisposeAsync();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
