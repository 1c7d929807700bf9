using CsvHelper;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>
/// Reads one CSV file of an export with CsvHelper: comma-separated (never guessed: a notes preamble would fool the
/// detection), UTF-8 with or without a BOM, CRLF or LF, quoted fields across lines. The header is found by its
/// column names rather than taken from the first line, because Connections.csv starts with a "Notes:" preamble;
/// columns are then read by name, case-insensitively, so extra or reordered columns change nothing. A row with
/// broken quoting is skipped and counted with its line; the rows after it are still read.
/// </summary>
internal sealed class ExportCsv : IDisposable
{
    /// <summary>No legitimate row comes near this; an unclosed quote at the top of a big file would otherwise swallow it whole.</summary>
    private const int MaxRecordBytes = 4 * 1024 * 1024;

    /// <summary>The preamble is a handful of lines; a file whose header is not within these is not the file we expect.</summary>
    private const int MaxPreambleRecords = 50;

    private readonly CsvReader _reader;
    private readonly string _fileName;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly ImportDiagnostics _diagnostics;

    public ExportCsv(Stream stream, string fileName, ImportDiagnostics diagnostics)
    {
        _fileName = fileName;
        _diagnostics = diagnostics;
        _reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = record => _diagnostics.Skip(fileName, record.LineNumber, "broken quoting"),
        }, leaveOpen: false);
    }

    /// <summary>The 1-based line where the current row starts.</summary>
    public long Line => _reader.LineNumber;

    /// <summary>Reads up to the header: the first row holding every one of <paramref name="required"/>.</summary>
    public void FindHeader(params string[] required)
    {
        for (var records = 0; records < MaxPreambleRecords && Read(); records++)
        {
            var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                // A BOM the decoder left, or spaces around a name, must not hide a column.
                var name = _reader.GetString(i).Trim().Trim('\uFEFF').Trim();
                names.TryAdd(name, i);
            }

            if (required.All(names.ContainsKey))
            {
                foreach (var (name, index) in names) _columns[name] = index;
                return;
            }
        }

        throw new LinkedInExportException(LinkedInExportError.Malformed,
            $"no header row with the columns {string.Join(", ", required)} was found", _fileName);
    }

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>The next data row; false at the end of the file.</summary>
    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException error)
        {
            throw new LinkedInExportException(LinkedInExportError.Malformed,
                "a row is too long or its quotes never close; the rest of the file cannot be read", _fileName, error.LineNumber == 0 ? null : error.LineNumber);
        }
    }

    /// <summary>The trimmed value of a column of the current row; null when empty or when the file has no such column.</summary>
    public string? Get(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= _reader.FieldCount) return null;
        var value = _reader.GetString(index).Trim();
        return value.Length == 0 ? null : value;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>What an import could not use: rows skipped (counted, with the first few named by file and line).</summary>
public sealed class ImportDiagnostics
{
    private const int MaxExamples = 10;
    private readonly List<string> _examples = [];

    public int SkippedRows { get; private set; }

    /// <summary>The first skipped rows, as "file, line n: why" (never a row's contents).</summary>
    public IReadOnlyList<string> Examples => _examples;

    public void Skip(string fileName, long line, string reason)
    {
        SkippedRows++;
        if (_examples.Count < MaxExamples) _examples.Add(line > 0 ? $"{fileName}, line {line}: {reason}" : $"{fileName}: {reason}");
    }
}
