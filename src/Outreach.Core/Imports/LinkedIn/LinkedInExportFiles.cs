using System.IO.Compression;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>
/// The files of a LinkedIn "Get a copy of your data" export that the import reads, from the zip LinkedIn sends or
/// from the folder it was unpacked to. Names are matched as LinkedIn writes them but case-insensitively
/// ("messages.csv", "Connections.csv", "Profile.csv"), in any subfolder (unpacking tools often add one); the
/// shallowest match wins. Only exact names count: "guide_messages.csv" and "learning_coach_messages.csv" are other
/// files. Every file is read through a cap (<see cref="LinkedInExportLimits"/>) that counts the bytes actually
/// inflated, not the sizes the zip declares, so a zip bomb stops at the cap instead of filling memory or disk.
/// </summary>
public sealed class LinkedInExportFiles : IDisposable
{
    public const string MessagesFile = "messages.csv";
    public const string ConnectionsFile = "Connections.csv";
    public const string ProfileFile = "Profile.csv";

    private readonly ZipArchive? _zip;
    private readonly Dictionary<string, Func<Stream>> _files;
    private readonly LinkedInExportLimits _limits;

    private LinkedInExportFiles(ZipArchive? zip, Dictionary<string, Func<Stream>> files, LinkedInExportLimits limits)
    {
        _zip = zip;
        _files = files;
        _limits = limits;
        if (!Has(MessagesFile) && !Has(ConnectionsFile))
        {
            Dispose();
            throw new LinkedInExportException(LinkedInExportError.NoExportFiles,
                $"the export holds neither {MessagesFile} nor {ConnectionsFile}; download \"Get a copy of your data\" with Connections and Messages selected");
        }
    }

    /// <summary>A zip file or an unpacked folder on disk (the CLI's <c>--export</c>).</summary>
    public static LinkedInExportFiles Open(string path, LinkedInExportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Directory.Exists(path)) return FromFolder(path, limits);
        if (!File.Exists(path)) throw new LinkedInExportException(LinkedInExportError.NotAnExport, $"'{path}' is neither a zip file nor a folder");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return FromZip(stream, limits, Path.GetFileName(path));
    }

    /// <summary>A zip archive in a seekable stream (the HTTP route buffers the body first); the stream is owned from here on.</summary>
    public static LinkedInExportFiles FromZip(Stream stream, LinkedInExportLimits limits, string name = "the upload")
    {
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            stream.Dispose();
            throw new LinkedInExportException(LinkedInExportError.NotAnExport, $"{name} is not a zip archive; send the zip LinkedIn's \"Get a copy of your data\" produced");
        }

        try
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new LinkedInExportException(LinkedInExportError.TooLarge,
                    $"{name} holds {zip.Entries.Count} entries, more than the {limits.MaxEntries} an export has");
            }

            var files = new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase);
            // Shallowest first, so a copy deeper down never shadows the export's own file.
            foreach (var entry in zip.Entries.OrderBy(e => Depth(e.FullName)).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var fileName = entry.FullName.Replace('\\', '/').Split('/')[^1];
                if (IsWanted(fileName) && !files.ContainsKey(fileName)) files[fileName] = entry.Open;
            }

            return new LinkedInExportFiles(zip, files, limits);
        }
        catch (InvalidDataException)
        {
            zip.Dispose();
            throw new LinkedInExportException(LinkedInExportError.NotAnExport, $"{name} is a damaged zip archive");
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static LinkedInExportFiles FromFolder(string folder, LinkedInExportLimits limits)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        var files = new Dictionary<string, Func<Stream>>(StringComparer.OrdinalIgnoreCase);
        var seen = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv", options).OrderBy(p => Depth(Path.GetRelativePath(folder, p))).ThenBy(p => p, StringComparer.Ordinal))
        {
            if (++seen > limits.MaxEntries)
            {
                throw new LinkedInExportException(LinkedInExportError.TooLarge, $"'{folder}' holds more than {limits.MaxEntries} CSV files; point --export at the export's own folder");
            }

            var fileName = Path.GetFileName(path);
            if (IsWanted(fileName) && !files.ContainsKey(fileName)) files[fileName] = () => File.OpenRead(path);
        }

        return new LinkedInExportFiles(null, files, limits);
    }

    public bool Has(string fileName) => _files.ContainsKey(fileName);

    /// <summary>The file's bytes as a stream that stops at <see cref="LinkedInExportLimits.MaxFileBytes"/>; null when the export has no such file.</summary>
    public Stream? Open(string fileName)
    {
        if (!_files.TryGetValue(fileName, out var open)) return null;
        try
        {
            return new CappedStream(open(), _limits.MaxFileBytes, fileName);
        }
        catch (InvalidDataException)
        {
            throw new LinkedInExportException(LinkedInExportError.NotAnExport, "the zip entry is damaged or uses an unsupported compression", fileName);
        }
    }

    public void Dispose() => _zip?.Dispose();

    private static bool IsWanted(string fileName) =>
        fileName.Equals(MessagesFile, StringComparison.OrdinalIgnoreCase)
        || fileName.Equals(ConnectionsFile, StringComparison.OrdinalIgnoreCase)
        || fileName.Equals(ProfileFile, StringComparison.OrdinalIgnoreCase);

    private static int Depth(string path) => path.Count(c => c is '/' or '\\');

    /// <summary>Counts what is read and refuses to go past the cap: the inflated size, whatever the zip claims.</summary>
    private sealed class CappedStream(Stream inner, long cap, string fileName) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(Wrap(() => inner.Read(buffer, offset, count)));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Count(inner.Read(buffer));
            }
            catch (InvalidDataException)
            {
                throw Damaged();
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (InvalidDataException)
            {
                throw Damaged();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Wrap(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (InvalidDataException)
            {
                throw Damaged();
            }
        }

        private int Count(int read)
        {
            _read += read;
            if (_read > cap)
            {
                throw new LinkedInExportException(LinkedInExportError.TooLarge,
                    $"the file is larger than {cap / (1024 * 1024)} MiB once unpacked, more than an export holds", fileName);
            }

            return read;
        }

        private LinkedInExportException Damaged() =>
            new(LinkedInExportError.NotAnExport, "the zip entry is damaged", fileName);
    }
}

/// <summary>
/// Caps on what an export may make the import read. LinkedIn's exports hold a few dozen files and messages.csv
/// stays well under 100 MiB even for heavy users; anything beyond is refused rather than inflated.
/// </summary>
public sealed record LinkedInExportLimits(int MaxEntries = 2_000, long MaxFileBytes = 256L * 1024 * 1024)
{
    public static LinkedInExportLimits Default { get; } = new();
}
