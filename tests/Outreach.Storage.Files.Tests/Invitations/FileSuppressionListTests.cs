using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Invitations;
using Outreach.Storage.Files.Invitations;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.Invitations;

/// <summary>The file list against the shared suppression contract (tests/Contracts), plus what is its own.</summary>
public sealed class FileSuppressionListTests : SuppressionListContract, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-suppressions-" + Guid.NewGuid().ToString("N"));

    protected override ISuppressionList CreateList() => new FileSuppressionList(_directory, new FakeTimeProvider(Now));

    private string ListDirectory => Path.Combine(_directory, FileSuppressionList.FolderName);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_file_keeps_each_entry_with_its_reason_and_when_it_was_added()
    {
        var list = CreateList();
        await list.AddAsync(Mailbox, "Erin@Contoso.com", "  asked by phone ", Cancel);
        await list.AddAsync(Mailbox, "@fabrikam.com", null, Cancel);

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(ListDirectory, Mailbox + ".json"), Cancel));
        var rows = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["@fabrikam.com", "erin@contoso.com"], rows.Select(r => r.GetProperty("entry").GetString()));
        Assert.False(rows[0].TryGetProperty("reason", out _));
        Assert.Equal("asked by phone", rows[1].GetProperty("reason").GetString());
        Assert.Equal(Now, rows[1].GetProperty("addedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Removing_the_last_entry_or_erasing_leaves_no_file_that_names_the_mailbox()
    {
        var list = CreateList();
        await list.AddAsync(Mailbox, "dana@fabrikam.com", null, Cancel);
        await list.RemoveAsync(Mailbox, "dana@fabrikam.com", Cancel);
        await list.AddAsync(OtherMailbox, "dana@fabrikam.com", null, Cancel);
        await list.DeleteMailboxAsync(OtherMailbox, Cancel);

        Assert.Equal([".lock"], Directory.GetFiles(ListDirectory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("dana@fabrikam.com", true)]
    [InlineData(" @Fabrikam.com ", true)]
    [InlineData("@sub.fabrikam.co.uk", true)]
    [InlineData("fabrikam.com", false)]
    [InlineData("@@fabrikam.com", false)]
    [InlineData(null, false)]
    public void Entries_are_addresses_or_domains(string? entry, bool valid)
    {
        Assert.Equal(valid, SuppressionEntries.IsValid(entry));
    }
}
