using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Outreach.Core.Imports;
using Outreach.Core.Pipeline;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Enrollment;
using Outreach.Functions.Tests.Support;
using Outreach.Storage;
using Outreach.Tests.Contracts;

namespace Outreach.Functions.Tests.Http;

/// <summary>POST /api/mailboxes/{m}/imports/linkedin against the real services, Azurite and the export fixture.</summary>
[Collection(QueueCollection.Name)]
public sealed class ImportLinkedInFunctionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpRequest Zip(byte[] body, string contentType = "application/zip")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = contentType;
        return context.Request;
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(PipelineHarness harness, string mailbox, HttpRequest request)
    {
        var result = await harness.Get<ImportLinkedInFunction>().RunAsync(request, mailbox, Cancel);
        var (status, _, body, _) = await ActionResults.ExecuteAsync(result);
        return (status, JsonDocument.Parse(body).RootElement);
    }

    [Fact]
    public async Task An_enrolled_mailbox_imports_the_export_and_the_same_zip_again_adds_nothing()
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox]);

        var (status, body) = await PostAsync(harness, mailbox, Zip(LinkedInExportFixture.Zip()));
        var (againStatus, again) = await PostAsync(harness, mailbox, Zip(LinkedInExportFixture.Zip()));

        Assert.Equal(200, status);
        Assert.Equal(LinkedInExportFixture.Contacts, body.GetProperty("contacts").GetInt32());
        Assert.Equal(LinkedInExportFixture.Messages, body.GetProperty("messages").GetInt32());
        Assert.Equal(LinkedInExportFixture.Contacts + LinkedInExportFixture.Messages, body.GetProperty("added").GetInt32());
        Assert.Equal(LinkedInExportFixture.SkippedRows, body.GetProperty("skippedRows").GetInt32());
        Assert.Equal(200, againStatus);
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        var loaded = await harness.Get<IImportStore>().LoadAsync(mailbox, Cancel);
        Assert.Equal(LinkedInExportFixture.Messages, loaded.Messages.Count);
        Assert.Contains(loaded.Contacts, c => c.ContactKey == LinkedInExportFixture.PriyaEmail && c.ProfileUrl == LinkedInExportFixture.Priya);
    }

    [Fact]
    public async Task No_subject_or_content_of_the_export_reaches_the_table()
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox]);
        await PostAsync(harness, mailbox, Zip(LinkedInExportFixture.Zip()));

        var values = new List<string>();
        await foreach (var row in harness.Get<TableServiceClient>().GetTableClient(StorageNames.ImportTable).QueryAsync<TableEntity>(cancellationToken: Cancel))
        {
            values.AddRange(row.Select(p => p.Value).Select(v => v is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : v?.ToString() ?? ""));
        }

        Assert.Contains(values, v => v == LinkedInExportFixture.PriyaEmail);
        foreach (var marker in LinkedInExportFixture.ContentMarkers)
        {
            Assert.DoesNotContain(values, v => v.Contains(marker, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_mailbox_that_is_not_enrolled_is_refused_with_403_and_nothing_is_stored()
    {
        var enrolled = EnrollmentRouteTests.Unique("avery");
        var stranger = EnrollmentRouteTests.Unique("ceo");
        await using var harness = await PipelineHarness.StartAsync([enrolled]);

        var (status, problem) = await PostAsync(harness, stranger, Zip(LinkedInExportFixture.Zip()));

        Assert.Equal(403, status);
        Assert.Equal("mailbox", problem.GetProperty("field").GetString());
        Assert.Equal("not-enrolled", problem.GetProperty("enrollment").GetString());
        Assert.Empty((await harness.Get<IImportStore>().LoadAsync(stranger, Cancel)).Contacts);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_with_413_before_anything_is_read()
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox], new() { ["Outreach:Imports:MaxUploadBytes"] = "2048" });
        var zip = LinkedInExportFixture.Zip();
        Assert.True(zip.Length > 2048);

        var (declared, problem) = await PostAsync(harness, mailbox, Zip(zip));
        var chunked = Zip(zip);
        chunked.ContentLength = null;
        var (undeclared, _) = await PostAsync(harness, mailbox, chunked);

        Assert.Equal(413, declared);
        Assert.Equal(413, undeclared);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Empty((await harness.Get<IImportStore>().LoadAsync(mailbox, Cancel)).Contacts);
    }

    [Theory]
    [InlineData("not a zip at all", "application/zip", "body")]
    [InlineData("", "application/zip", "body")]
    [InlineData("{\"mailbox\":\"x\"}", "application/json", "Content-Type")]
    public async Task A_body_that_is_not_an_export_is_a_400_naming_the_field(string body, string contentType, string field)
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox]);

        var (status, problem) = await PostAsync(harness, mailbox, Zip(System.Text.Encoding.UTF8.GetBytes(body), contentType));

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_zip_without_the_export_files_is_a_400_that_names_them()
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox]);

        var (status, problem) = await PostAsync(harness, mailbox, Zip(LinkedInExportFixture.Zip(("Profile.csv", "First Name\nAvery\n"u8.ToArray()))));

        Assert.Equal(400, status);
        Assert.Contains("messages.csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_mailbox_is_a_400_naming_the_mailbox()
    {
        await using var harness = await PipelineHarness.StartAsync([EnrollmentRouteTests.Unique("avery")]);

        var (status, problem) = await PostAsync(harness, "not-an-address", Zip(LinkedInExportFixture.Zip()));

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("mailbox", out _));
    }

    [Fact]
    public async Task Erasing_the_mailbox_removes_what_was_imported()
    {
        var mailbox = EnrollmentRouteTests.Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([mailbox]);
        await PostAsync(harness, mailbox, Zip(LinkedInExportFixture.Zip()));

        await harness.Get<MailboxEraser>().EraseAsync(mailbox, Cancel);

        Assert.Empty((await harness.Get<IImportStore>().LoadAsync(mailbox, Cancel)).Contacts);
    }
}
