namespace Outreach.Testing.Graph.Internal;

/// <summary>A parsed $select: none means Graph's default projection (everything, body included, no headers).</summary>
internal sealed class MessageFields
{
    private readonly HashSet<string>? _selected;

    public MessageFields(string? select)
    {
        _selected = string.IsNullOrWhiteSpace(select)
            ? null
            : new HashSet<string>(select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }

    public bool All => _selected is null;

    public bool Has(string field) => _selected is null || _selected.Contains(field);
}
