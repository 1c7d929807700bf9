using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Outreach.Core.Contacts;

namespace Outreach.Storage.Files;

/// <summary>
/// The one path-and-lock helper every local file store uses: a file name per mailbox, snapshot reads, atomic
/// replace writes (temporary file, then rename) and a folder lock file that serialises read-modify-write
/// between threads and processes.
/// </summary>
/// <remarks>
/// A store of one JSON document per mailbox (ledger, do-not-contact list, digests, a file import store) takes a
/// <see cref="MailboxDocuments{T}"/>, which applies these to one folder and checks each document's schema; only
/// the scan state, streamed and hashed, calls them directly.
/// </remarks>
internal static class LocalStoreFiles
{
    /// <summary>Long enough for any ordinary address, short enough for every file system's name limit.</summary>
    private const int MaxNameLength = 160;

    /// <summary>The lock file of a folder. Named after no mailbox, so erasing a mailbox leaves no trace of it.</summary>
    public const string LockFileName = ".lock";

    /// <summary>How long <see cref="LockAsync"/> waits for another holder: 400 tries, 25 ms apart.</summary>
    private const int LockAttempts = 400;

    /// <summary>
    /// The file of a mailbox: its normalized address with everything but ASCII letters, digits and ". - @"
    /// escaped as "_XX" per UTF-8 byte. That is lossless, so distinct addresses never share a file ("a+b@x" and
    /// "a_b@x" do not meet), readable for ordinary addresses, and free of path separators, "..", and characters
    /// some file systems refuse. An absurdly long address is cut and suffixed with "__" and a hash of the whole
    /// ("__" never occurs in an escaped name, so a cut name meets no other). Existing files were written under
    /// exactly these names: changing the scheme would lose every stored ledger.
    /// </summary>
    public static string PathFor(string directory, string mailbox)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        var normalized = EmailAddresses.Normalize(mailbox);
        var builder = new StringBuilder(normalized.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(normalized))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@')) builder.Append(c);
            else builder.Append('_').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        var name = builder.ToString();
        if (name.Length > MaxNameLength)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..32];
            name = string.Concat(name.AsSpan(0, MaxNameLength - hash.Length - 2), "__", hash);
        }

        return Path.Combine(directory, name + ".json");
    }

    /// <summary>The stored document, or null when there is none. Never blocks (nor is blocked by) a writer's rename.</summary>
    public static async Task<T?> ReadAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        byte[] bytes;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return JsonSerializer.Deserialize(bytes, type)
            ?? throw new InvalidDataException($"The file '{path}' is empty.");
    }

    /// <summary>Replaces the file in one step: a crash leaves the old file or the new one, never half of one.</summary>
    public static async Task WriteAsync<T>(string path, T document, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var staged = await StageAsync(path, (stream, cancel) => JsonSerializer.SerializeAsync(stream, document, type, cancel), cancellationToken);
        staged.Commit();
    }

    /// <summary>
    /// Writes the next version of <paramref name="path"/> beside it, streamed by <paramref name="write"/>; it
    /// replaces the file only on <see cref="StagedFile.Commit"/> and is deleted if dropped uncommitted. Staging
    /// outside the lock and committing inside keeps the lock held for a rename, not for a large write.
    /// </summary>
    public static async Task<StagedFile> StageAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staged = new StagedFile(path, path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await using var file = new FileStream(staged.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await write(file, cancellationToken);
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }

        return staged;
    }

    /// <summary>
    /// Holds the folder's lock file until disposed: one read-modify-write at a time, across threads and
    /// processes (an exclusive open, which .NET turns into an advisory <c>flock</c> on Unix and a share lock on
    /// Windows). The file is kept between uses: deleting it on close would let a waiter lock the deleted file
    /// while a newcomer locks a new one.
    /// </summary>
    public static async Task<FileStream> LockAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, LockFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (attempt < LockAttempts)
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (IOException e)
            {
                throw new IOException($"The lock file '{lockPath}' stayed held by another process for 10 s.", e);
            }
        }
    }
}
