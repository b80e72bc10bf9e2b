using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Server.Clustering;

namespace SmartTrader.Server.Tests;

/// <summary>The cluster's data-protection keys are sealed at rest under a key derived from the cluster's secret.</summary>
public sealed class KeyRingEncryptionTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-key-ring";
    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\" p4:requiresEncryption=\"true\"><value>c2VjcmV0LWtleS1ieXRlcw==</value></masterKey>");

    [Fact]
    public void A_sealed_key_opens_to_the_same_element_and_does_not_show_its_value()
    {
        var encrypted = new KeyRingXmlEncryptor(new KeyRingCipher(Secret)).Encrypt(MasterKey);

        encrypted.DecryptorType.Should().Be<KeyRingXmlDecryptor>();
        encrypted.EncryptedElement.ToString().Should().NotContain("c2VjcmV0LWtleS1ieXRlcw==");
        XNode.DeepEquals(DecryptorFor(Secret).Decrypt(encrypted.EncryptedElement), MasterKey).Should().BeTrue();
    }

    [Fact]
    public void The_same_key_sealed_twice_differs()
    {
        var encryptor = new KeyRingXmlEncryptor(new KeyRingCipher(Secret));

        encryptor.Encrypt(MasterKey).EncryptedElement.ToString().Should().NotBe(encryptor.Encrypt(MasterKey).EncryptedElement.ToString());
    }

    [Fact]
    public void A_key_sealed_under_another_secret_does_not_open_and_the_error_names_the_setting()
    {
        var encrypted = new KeyRingXmlEncryptor(new KeyRingCipher(Secret)).Encrypt(MasterKey);

        var open = () => DecryptorFor(Secret + "-rotated").Decrypt(encrypted.EncryptedElement);

        open.Should().Throw<CryptographicException>().WithMessage("*Cluster:Transport:Secret*");
    }

    [Fact]
    public void An_altered_sealed_key_does_not_open()
    {
        var element = new KeyRingXmlEncryptor(new KeyRingCipher(Secret)).Encrypt(MasterKey).EncryptedElement;
        var value = element.Element("value")!;
        var bytes = Convert.FromBase64String(value.Value);
        bytes[^20] ^= 1;
        value.Value = Convert.ToBase64String(bytes);

        var open = () => DecryptorFor(Secret).Decrypt(element);

        open.Should().Throw<CryptographicException>();
    }

    [Theory]
    [InlineData("<sealedKey />")]
    [InlineData("<sealedKey><value>AAAA</value></sealedKey>")]
    public void A_sealed_key_without_its_value_or_too_short_is_refused(string xml)
    {
        var open = () => DecryptorFor(Secret).Decrypt(XElement.Parse(xml));

        open.Should().Throw<Exception>().Which.Should().Match(e => e is FormatException || e is CryptographicException);
    }

    private static KeyRingXmlDecryptor DecryptorFor(string secret) =>
        new(new ServiceCollection().AddSingleton(new KeyRingCipher(secret)).BuildServiceProvider());
}
