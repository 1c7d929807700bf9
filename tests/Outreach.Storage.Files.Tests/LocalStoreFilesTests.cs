using System.Text;
using Outreach.Storage.Files.Invitations;

namespace Outreach.Storage.Files.Tests;

/// <summary>The path-and-lock helper every local store shares: names, atomic writes, the folder lock.</summary>
public sealed class LocalStoreFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-files-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string NameOf(string mailbox) => Path.GetFileName(LocalStoreFiles.PathFor(_directory, mailbox));

    [Theory]
    [InlineData("a+b@contoso.com", "a_b@contoso.com")]
    [InlineData("a'b@contoso.com", "a_b@contoso.com")]
    [InlineData("a_2Bb@contoso.com", "a+b@contoso.com")]
    [InlineData("jürgen@contoso.com", "j_rgen@contoso.com")]
    [InlineData("a.b@contoso.com", "a_2Eb@contoso.com")]
    public void Distinct_mailboxes_never_share_a_file(string one, string other)
    {
        Assert.NotEqual(NameOf(one), NameOf(other));
    }

    [Fact]
    public void A_mailbox_in_another_case_or_with_spaces_around_it_has_the_same_file()
    {
        Assert.Equal(NameOf("avery@northwind.com"), NameOf("  Avery@NorthWind.COM "));
        Assert.Equal("avery@northwind.com.json", NameOf("Avery@Northwind.com"));
    }

    [Theory]
    [InlineData("../../etc/passwd@x.com")]
    [InlineData("a/b\\c@x.com")]
    [InlineData("con:aux*?\"<>|@x.com")]
    [InlineData("名前@例え.jp")]
    public void A_file_name_stays_in_its_folder_and_holds_only_safe_characters(string mailbox)
    {
        var path = LocalStoreFiles.PathFor(_directory, mailbox);

        Assert.Equal(_directory, Path.GetDirectoryName(path));
        var name = Path.GetFileNameWithoutExtension(path);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' or '_', $"'{c}' in {name}"));
    }

    [Fact]
    public void Very_long_mailboxes_get_bounded_names_of_their_own()
    {
        var stem = new string('x', 300);
        var one = NameOf(stem + "1@contoso.com");
        var other = NameOf(stem + "2@contoso.com");

        Assert.NotEqual(one, other);
        Assert.True(one.Length <= 165, $"{one.Length} characters");
        Assert.StartsWith("xxxx", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_written_document_reads_back_and_leaves_only_its_file()
    {
        var path = LocalStoreFiles.PathFor(_directory, "avery@northwind.com");
        var document = new SuppressionDocument { Mailbox = "avery@northwind.com", Entries = [new SuppressionRow { Entry = "@fabrikam.com" }] };

        await LocalStoreFiles.WriteAsync(path, document, LocalInvitationJsonContext.Default.SuppressionDocument, Cancel);
        var read = await LocalStoreFiles.ReadAsync(path, LocalInvitationJsonContext.Default.SuppressionDocument, Cancel);

        Assert.Equal("@fabrikam.com", Assert.Single(read!.Entries).Entry);
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_missing_file_reads_as_nothing()
    {
        Assert.Null(await LocalStoreFiles.ReadAsync(Path.Combine(_directory, "none.json"), LocalInvitationJsonContext.Default.SuppressionDocument, Cancel));
    }

    [Fact]
    public async Task A_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file()
    {
        var path = Path.Combine(_directory, "state.json");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(path, "old", Cancel);

        await Assert.ThrowsAsync<InvalidOperationException>(() => LocalStoreFiles.StageAsync(path, async (stream, cancel) =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("half of the n"), cancel);
            throw new InvalidOperationException("the disk is full");
        }, Cancel));

        Assert.Equal("old", await File.ReadAllTextAsync(path, Cancel));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_staged_file_replaces_the_file_only_when_committed()
    {
        var path = Path.Combine(_directory, "state.json");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(path, "old", Cancel);

        await using (await LocalStoreFiles.StageAsync(path, (stream, cancel) => stream.WriteAsync(Encoding.UTF8.GetBytes("dropped"), cancel).AsTask(), Cancel))
        {
        }

        Assert.Equal("old", await File.ReadAllTextAsync(path, Cancel));
        await using (var staged = await LocalStoreFiles.StageAsync(path, (stream, cancel) => stream.WriteAsync(Encoding.UTF8.GetBytes("new"), cancel).AsTask(), Cancel))
        {
            Assert.Equal("old", await File.ReadAllTextAsync(path, Cancel));
            staged.Commit();
        }

        Assert.Equal("new", await File.ReadAllTextAsync(path, Cancel));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_second_holder_of_a_folder_lock_waits_until_the_first_lets_go()
    {
        var first = await LocalStoreFiles.LockAsync(_directory, Cancel);
        var second = LocalStoreFiles.LockAsync(_directory, Cancel);

        await Task.Delay(300, Cancel);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.Equal([LocalStoreFiles.LockFileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Locks_of_different_folders_do_not_wait_for_each_other()
    {
        await using var invitations = await LocalStoreFiles.LockAsync(Path.Combine(_directory, "invitations"), Cancel);
        await using var suppressions = await LocalStoreFiles.LockAsync(Path.Combine(_directory, "suppressions"), Cancel)
            .WaitAsync(TimeSpan.FromSeconds(2), Cancel);
    }
}
