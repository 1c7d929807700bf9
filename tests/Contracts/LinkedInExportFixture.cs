using System.IO.Compression;

namespace Outreach.Tests.Contracts;

/// <summary>
/// The LinkedIn export fixture (tests/Fixtures/LinkedInExport): a "Complete_LinkedInDataExport" folder whose
/// Connections.csv has the notes preamble, a BOM and CRLF, and whose messages.csv has extra columns, quoted
/// multi-line content, ";"-separated recipients, a 9-person conversation, a draft and four bad rows. Its contents
/// carry markers ("SECRET-CONTENT-MARKER", "SECRET-SUBJECT-MARKER") that must never reach a store. Compiled into
/// every test project that imports it.
/// </summary>
public static class LinkedInExportFixture
{
    public const string Owner = "https://www.linkedin.com/in/avery-quinn";
    public const string PriyaEmail = "priya.raman@fabrikam.com";
    public const string Priya = "https://www.linkedin.com/in/priya-raman";
    public const string Marco = "https://www.linkedin.com/in/marco-bianchi-7a1b2c";
    public const string Lena = "https://www.linkedin.com/in/lena-vogel";
    public const string Sam = "https://www.linkedin.com/in/sam-okafor";
    public const string Jordan = "https://www.linkedin.com/in/jordan-lee-99";

    /// <summary>Four connections (one blank row skipped) and Jordan, who only messaged.</summary>
    public const int Contacts = 5;

    /// <summary>Priya 2 + Marco 2 + Jordan 1 + the 3-person group's 2 + Lena 1.</summary>
    public const int Messages = 8;

    /// <summary>The blank connection, the bad date, the row without a conversation, the broken quote.</summary>
    public const int SkippedRows = 4;

    public static readonly string[] ContentMarkers = ["SECRET-CONTENT-MARKER", "SECRET-SUBJECT-MARKER", "Thursday", "usual place"];

    /// <summary>The unpacked export as LinkedIn names it (the folder holding the CSV files is one level down).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "LinkedInExport");

    /// <summary>The export as LinkedIn's zip, built from <see cref="Folder"/> (subfolder included).</summary>
    public static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(Folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    /// <summary>A zip of the given entries (name → content), for the quirks a test writes itself.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The zip <see cref="Zip()"/> makes, written to a temporary file (deleted by the caller).</summary>
    public static string ZipFilePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"linkedin-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, Zip());
        return path;
    }
}
