using System.Text.Json.Serialization;

namespace Outreach.Core.Reporting;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ScanReport))]
public sealed partial class ReportJsonContext : JsonSerializerContext;
