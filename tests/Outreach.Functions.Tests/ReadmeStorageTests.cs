using System.Reflection;
using Outreach.Storage;

namespace Outreach.Functions.Tests;

/// <summary>The README's storage table lists every table and queue the app writes, so an IT admin sees all of them.</summary>
public sealed class ReadmeStorageTests
{
    public static TheoryData<string> StorageNamesInCode()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.IsLiteral && f.Name != nameof(StorageNames.ConnectionSetting)))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StorageNamesInCode))]
    public void Every_table_and_queue_has_a_row_in_the_README_storage_table(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Outreach.sln"))) directory = directory.Parent;
        var rows = File.ReadAllLines(Path.Combine(directory.FullName, "README.md"));

        Assert.Contains(rows, row => row.StartsWith($"| `{name}` |", StringComparison.Ordinal));
    }
}
