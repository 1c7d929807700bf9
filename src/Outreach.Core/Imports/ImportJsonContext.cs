using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Core.Imports;

/// <summary>The import's JSON (the CLI's --format json): camelCase, the same fields as the HTTP route's answer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LinkedInImportResult))]
public sealed partial class ImportJsonContext : JsonSerializerContext;
