using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Outreach.Graph.Sample;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
