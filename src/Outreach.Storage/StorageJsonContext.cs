using System.Text.Json.Serialization;

namespace Outreach.Storage;

/// <summary>Source-generated serialization of the JSON held in table properties (counts, reasons).</summary>
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<Outreach.Core.Digest.DigestContact>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
