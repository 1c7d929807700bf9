using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Imports;

/// <summary>
/// Limits on imports (<c>Outreach:Imports</c>, e.g. <c>Outreach__Imports__MaxUploadBytes</c>), validated at start-up.
/// </summary>
public sealed class ImportOptions
{
    public const string SectionName = "Outreach:Imports";

    /// <summary>
    /// The largest export the HTTP route accepts (the zip as uploaded; 50 MiB by default). LinkedIn's full export
    /// is typically a few MiB; the Functions host's own request limit (100 MiB) is the ceiling.
    /// </summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most bytes any one file of an export may inflate to (zip bombs stop here).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most entries an export's zip may hold (LinkedIn's hold a few dozen).</summary>
    [Range(1, 100_000)]
    public int MaxEntries { get; set; } = 2_000;

    public LinkedIn.LinkedInExportLimits Limits => new(MaxEntries, MaxFileBytes);
}
