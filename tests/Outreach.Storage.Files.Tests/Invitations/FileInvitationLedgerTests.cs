using System.Text.Json;
using Outreach.Core.Invitations;
using Outreach.Storage.Files.Invitations;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.Invitations;

/// <summary>The file ledger against the shared ledger contract (tests/Contracts), plus what is its own.</summary>
public sealed class FileInvitationLedgerTests : InvitationLedgerContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-ledger-" + Guid.NewGuid().ToString("N"));

    protected override IInvitationLedger CreateLedger() => new FileInvitationLedger(_directory);

    private string LedgerDirectory => Path.Combine(_directory, FileInvitationLedger.FolderName);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Writes_leave_one_file_per_mailbox_and_the_lock_file_only()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));
        await Reserve(ledger, Pending("erin@contoso.com"));
        var read = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        await ledger.UpdateAsync(read with { Status = InvitationStatus.Sent }, Cancel);
        await Reserve(ledger, Pending("dana@fabrikam.com", mailbox: OtherMailbox));

        Assert.Equal(
            [".lock", Mailbox + ".json", OtherMailbox + ".json"],
            Directory.GetFiles(LedgerDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Erasing_a_mailbox_leaves_no_file_that_names_it()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));

        await ledger.DeleteMailboxAsync(Mailbox, Cancel);

        Assert.DoesNotContain(Directory.GetFiles(LedgerDirectory), f => f.Contains(Mailbox, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_file_is_readable_json_with_wire_names_and_no_etag_inside_the_entry()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Complete("dana@fabrikam.com"));

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(LedgerDirectory, Mailbox + ".json"), Cancel));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(Mailbox, root.GetProperty("mailbox").GetString());
        var row = Assert.Single(root.GetProperty("entries").EnumerateArray());
        Assert.Equal(32, row.GetProperty("version").GetString()!.Length);
        var entry = row.GetProperty("entry");
        Assert.Equal("no-response", entry.GetProperty("status").GetString());
        Assert.Equal("in-person", entry.GetProperty("mode").GetString());
        Assert.False(entry.TryGetProperty("eTag", out _));
        Assert.False(entry.TryGetProperty("etag", out _));
    }

    [Fact]
    public async Task Mailboxes_whose_addresses_differ_only_in_punctuation_keep_files_apart()
    {
        var ledger = CreateLedger();
        var plus = "a+b." + Mailbox;
        var underscore = "a_b." + Mailbox;
        await Reserve(ledger, Pending("dana@fabrikam.com", "tx-plus", mailbox: plus));

        Assert.True(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-underscore", mailbox: underscore)));

        Assert.Equal("tx-plus", (await ledger.GetAsync(plus, "dana@fabrikam.com", Cancel))!.TransactionId);
        Assert.Equal("tx-underscore", (await ledger.GetAsync(underscore, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task A_ledger_of_an_unknown_schema_is_refused_rather_than_misread()
    {
        Directory.CreateDirectory(LedgerDirectory);
        await File.WriteAllTextAsync(Path.Combine(LedgerDirectory, Mailbox + ".json"), $$"""{"schemaVersion":99,"mailbox":"{{Mailbox}}","entries":[]}""", Cancel);

        await Assert.ThrowsAsync<InvalidDataException>(() => CreateLedger().ListAsync(Mailbox, Cancel));
        await Assert.ThrowsAsync<InvalidDataException>(() => Reserve(CreateLedger(), Pending("dana@fabrikam.com")));
    }

    [Fact]
    public async Task Ledgers_in_two_processes_reserve_through_the_same_folder()
    {
        // Two ledger instances over one folder stand for two CLI processes: the second sees the first's entry.
        Assert.True(await Reserve(new FileInvitationLedger(_directory), Pending("dana@fabrikam.com")));
        Assert.False(await Reserve(new FileInvitationLedger(_directory + Path.DirectorySeparatorChar), Pending("dana@fabrikam.com", "tx-2")));
    }
}
