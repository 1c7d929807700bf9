using Outreach.Storage.Internal;

namespace Outreach.Storage.Tests.Internal;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(505)]
    [InlineData(506)]
    [InlineData(5_000)]
    public void A_prefixed_key_stays_within_the_1_KiB_limit_with_its_prefix(int length)
    {
        var key = TableKeys.Prefixed("snooze-", new string('d', length));

        Assert.True(key.Length <= 512, $"{key.Length} chars");
        Assert.StartsWith("snooze-", key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefixed_key_that_fits_is_the_prefix_and_the_escaped_value_as_before()
    {
        Assert.Equal("snooze-dana@fabrikam.com", TableKeys.Prefixed("snooze-", "dana@fabrikam.com"));
        Assert.Equal("snooze-" + TableKeys.Escape("dörte@fabrikam.com"), TableKeys.Prefixed("snooze-", "dörte@fabrikam.com"));
    }

    [Fact]
    public void Long_values_that_differ_only_at_the_end_keep_different_prefixed_keys()
    {
        var stem = new string('ö', 300);

        Assert.NotEqual(TableKeys.Prefixed("snooze-", stem + "a"), TableKeys.Prefixed("snooze-", stem + "b"));
    }
}
