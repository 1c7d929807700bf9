using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Outreach.Core.Contacts;

namespace Outreach.Core.Invitations.Local;

/// <summary>
/// The file handling the local invitation stores share: a file name per mailbox, snapshot reads, atomic
/// writes (temporary file, then rename) and a lock file that serialises read-modify-write between processes.
/// </summary>
internal static class LocalStoreFiles
{
    /// <summary>Long enough for any ordinary address, short enough for every file system's name limit.</summary>
    private const int MaxNameLength = 160;

    /// <summary>
    /// The file of a mailbox: its normalized address with everything but ASCII letters, digits and ". - @"
    /// escaped as "_XX" per UTF-8 byte, so distinct addresses never share a file ("a+b@x" and "a_b@x" do
    /// not meet). An absurdly long address is cut and suffixed with a hash of the whole.
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
            else builder.Append('_').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
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
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, type);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Holds the directory's lock file until disposed: one read-modify-write at a time, across threads and
    /// processes. One lock for the whole directory, kept between uses, so no file names a mailbox after the
    /// mailbox is erased.
    /// </summary>
    public static async Task<FileStream> LockAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (attempt < 400)
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
