using System.Security.Cryptography;
using System.Text.Json;
using Outreach.Core.Contacts;
using Outreach.Core.State;

namespace Outreach.Storage.Files.State;

/// <summary>
/// The embedded local store used by the CLI: one JSON file per mailbox under a state folder, written
/// atomically (temporary file, then rename) so a crash never leaves half a file, and streamed both ways (a
/// large state is never one array in memory). The ETag is a hash of the file's bytes; a lock file serialises
/// the compare-and-swap between processes. Names, writes and the lock are <see cref="LocalStoreFiles"/>'s, as
/// for every local store.
/// </summary>
public sealed class FileMailboxStateStore(string directory) : IMailboxStateStore
{
    private readonly Dictionary<string, (long Length, DateTime WrittenAt, string Hash)> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// The folder of the lock the saves and erasures hold (<see cref="LocalStoreFiles.LockAsync"/>). The state
    /// files sit at the top of the state folder, beside the other stores' folders, where every earlier version
    /// put them; the lock has a folder of its own so the top keeps one file per mailbox and nothing else.
    /// </summary>
    public const string LockFolderName = ".state-lock";

    public string Directory { get; } = Path.GetFullPath(directory);

    private string LockDirectory => Path.Combine(Directory, LockFolderName);

    public async Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        if (!File.Exists(path) && !await AdoptLegacyFileAsync(mailbox, path, cancellationToken)) return null;

        // Streamed and hashed as it is read: a large state is never held as one byte array or string.
        MailboxState? state;
        string hash;
        await using (var file = OpenRead(path))
        using (var hashing = new HashingStream(file, forWriting: false))
        {
            state = await JsonSerializer.DeserializeAsync(hashing, MailboxStateJsonContext.Default.MailboxState, cancellationToken)
                ?? throw new InvalidDataException($"The state file '{path}' is empty.");
            await hashing.CopyToAsync(Stream.Null, cancellationToken); // trailing whitespace belongs to the hash too
            hash = hashing.HashHex();
        }

        if (!MailboxState.IsReadable(state.SchemaVersion))
        {
            // An unknown layout cannot be trusted: start over with a full sync rather than misread it.
            return null;
        }

        // Read in the current layout whatever its stored one: the next save writes the current schema.
        state.SchemaVersion = MailboxState.CurrentSchemaVersion;
        state.ETag = hash;
        Remember(path, hash);
        return state;
    }

    public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var path = PathFor(state.Mailbox);

        // Written and hashed beside the file first, outside the lock: the lock is held for the compare and the
        // rename only, so a large state does not keep other mailboxes' checkpoints waiting.
        var hash = string.Empty;
        await using var staged = await LocalStoreFiles.StageAsync(path, async (file, cancel) =>
        {
            using var hashing = new HashingStream(file, forWriting: true);
            await JsonSerializer.SerializeAsync(hashing, state, MailboxStateJsonContext.Default.MailboxState, cancel);
            hash = hashing.HashHex();
        }, cancellationToken);

        await using (await LocalStoreFiles.LockAsync(LockDirectory, cancellationToken))
        {
            var current = File.Exists(path) ? await CurrentHashAsync(path, cancellationToken) : null;
            if (current != state.ETag) throw new StateConflictException(state.Mailbox);
            staged.Commit();
            Remember(path, hash);
        }

        state.ETag = hash;
    }

    public async Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        await using var guard = await LocalStoreFiles.LockAsync(LockDirectory, cancellationToken);
        var deleted = File.Exists(path);
        if (deleted) File.Delete(path);

        // An erased mailbox leaves nothing behind, not even a file under the old name.
        if (LegacyPathFor(mailbox) is { } legacy && await HoldsMailboxAsync(legacy, mailbox, cancellationToken))
        {
            File.Delete(legacy);
            deleted = true;
        }

        return deleted;
    }

    /// <summary>The lossless name the invitation stores use too: "a+b@x" and "a_b@x" get files of their own.</summary>
    private string PathFor(string mailbox) => LocalStoreFiles.PathFor(Directory, mailbox);

    /// <summary>
    /// The name earlier versions used (everything but letters, digits and "@ . - _" became '_', so "a+b@x" and
    /// "a_b@x" shared a file), or null when it is the current name anyway.
    /// </summary>
    private string? LegacyPathFor(string mailbox)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var safe = string.Concat(normalized.Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_'));
        var legacy = Path.Combine(Directory, safe + ".json");
        return legacy == PathFor(mailbox) ? null : legacy;
    }

    /// <summary>
    /// A state written under the old name is taken over (renamed, bytes and ETag unchanged) when the file says
    /// it is this mailbox's: the mailbox inside decides, so of "a+b@x" and "a_b@x" only its owner gets it, and
    /// the other starts afresh.
    /// </summary>
    private async Task<bool> AdoptLegacyFileAsync(string mailbox, string path, CancellationToken cancellationToken)
    {
        if (LegacyPathFor(mailbox) is not { } legacy || !await HoldsMailboxAsync(legacy, mailbox, cancellationToken)) return false;
        await using var guard = await LocalStoreFiles.LockAsync(LockDirectory, cancellationToken);
        if (File.Exists(path)) return true; // another process took it over first
        try
        {
            File.Move(legacy, path, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return File.Exists(path);
        }

        return true;
    }

    private static async Task<bool> HoldsMailboxAsync(string path, string mailbox, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return false;
        try
        {
            await using var file = OpenRead(path);
            var state = await JsonSerializer.DeserializeAsync(file, MailboxStateJsonContext.Default.MailboxState, cancellationToken);
            return state?.Mailbox is { } stored && EmailAddresses.Normalize(stored) == EmailAddresses.Normalize(mailbox);
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            return false;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    /// <summary>
    /// The hash of the stored file. A checkpoint saves often: when the file is still the one this store last
    /// read or wrote (same length and write time), its hash is known and the file is not read again.
    /// </summary>
    private async Task<string> CurrentHashAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        lock (_known)
        {
            if (_known.TryGetValue(path, out var known) && known.Length == info.Length && known.WrittenAt == info.LastWriteTimeUtc)
            {
                return known.Hash;
            }
        }

        await using var file = OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken));
    }

    private void Remember(string path, string hash)
    {
        var info = new FileInfo(path);
        lock (_known) _known[path] = (info.Length, info.LastWriteTimeUtc, hash);
    }
}
