using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SmartTrader.Server.Clustering;

/// <summary>Writes each new data-protection key's secret part sealed by <see cref="KeyRingCipher"/>.</summary>
public sealed class KeyRingXmlEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    internal const string ElementName = "sealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedBytes = cipher.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(ElementName,
            new XComment(" AES-256-GCM under a key derived from Cluster:Transport:Secret "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// Opens what <see cref="KeyRingXmlEncryptor"/> sealed. Data protection creates it by type name with the service
/// provider, hence the constructor.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KeyRingCipher _cipher = services.GetRequiredService<KeyRingCipher>();

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return XElement.Parse(_cipher.Open(SealedBytes(encryptedElement)));
    }

    /// <summary>The sealed bytes of a <c>sealedKey</c> element; <see cref="FormatException"/> when it has none.</summary>
    internal static byte[] SealedBytes(XElement sealedKey)
    {
        var value = sealedKey.Element("value")?.Value
                    ?? throw new FormatException($"A sealed data-protection key needs a <value> inside <{KeyRingXmlEncryptor.ElementName}>.");
        return Convert.FromBase64String(value);
    }
}
