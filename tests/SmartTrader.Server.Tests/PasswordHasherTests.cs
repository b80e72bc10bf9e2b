using SmartTrader.Server.Identity;

namespace SmartTrader.Server.Tests;

public sealed class PasswordHasherTests
{
    [Fact]
    public void A_hash_verifies_its_own_password_only()
    {
        var hash = PasswordHasher.Hash("correct horse battery");
        PasswordHasher.Verify("correct horse battery", hash).Should().BeTrue();
        PasswordHasher.Verify("correct horse battery!", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("pbkdf2-sha256$100000$not*base64$AAAA")]
    [InlineData("pbkdf2-sha256$100000$AAAA$not*base64")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    public void A_corrupt_stored_hash_is_a_failed_sign_in_not_an_error(string stored)
    {
        PasswordHasher.Verify("any password", stored).Should().BeFalse();
    }
}
