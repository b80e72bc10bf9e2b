using SmartTrader.Runtime.Storage;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class KeyPrefixTests
{
    [Theory]
    [InlineData("acct-", "acct.")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("", null)]
    [InlineData("\U0010FFFF", null)]
    public void Upper_bound_is_the_next_string_in_code_point_order(string prefix, string? expected) =>
        KeyPrefix.UpperBound(prefix).Should().Be(expected);
}
