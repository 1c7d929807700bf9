using System.Security.Cryptography;
using System.Text.Json;
using Outreach.Core.Contacts;

namespace Outreach.Core.State;

/// <summary>
/// The embedded local store used by the CLI: one JSON file per mailbox under a state folder, written
/// atomically (temporary file, then rename) so a crash never leaves half a file. The ETag is a hash
/// of the file's bytes; a lock file serialises the compare-and-swap between processes.
/// </summary>
public sealed class FileMailboxStateStore(string directory) : IMailboxStateStore
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var state = JsonSerializer.Deserialize(bytes, MailboxStateJsonContext.Default.MailboxState)
            ?? throw new InvalidDataException($"The state file '{path}' is empty.");
        if (state.SchemaVersion != MailboxState.CurrentSchemaVersion)
        {
            // An older layout cannot be trusted: start over with a full sync rather than misread it.
            return null;
        }

        state.ETag = Hash(bytes);
        return state;
    }

    public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(state.Mailbox);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, MailboxStateJsonContext.Default.MailboxState);

        await using var guard = await AcquireLockAsync(path + ".lock", cancellationToken);
        var current = File.Exists(path) ? Hash(await File.ReadAllBytesAsync(path, cancellationToken)) : null;
        if (current != state.ETag) throw new StateConflictException(state.Mailbox);

        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        state.ETag = Hash(bytes);
    }

    public Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathFor(string mailbox)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var safe = string.Concat(normalized.Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_'));
        return Path.Combine(Directory, safe + ".json");
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 200)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }
}
