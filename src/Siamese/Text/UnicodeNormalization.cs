namespace Siamese.Text;

/// <summary>How a <see cref="HashingTokenizer"/> normalises Unicode text before splitting it into words.</summary>
public enum UnicodeNormalization
{
    /// <summary>Text is used as it is.</summary>
    None,

    /// <summary>
    /// Compatibility normalisation (NFKC) of each character: full-width and half-width forms, ligatures, superscripts,
    /// circled digits and the like become their plain equivalents ("Ｃａｆé" → "Café", "ﬁ" → "fi", "①" → "1").
    /// Applied character by character from built-in tables (Basic Multilingual Plane only), so it works in
    /// globalization-invariant mode and gives the same result on every platform; combining sequences are not composed.
    /// </summary>
    Nfkc,
}
