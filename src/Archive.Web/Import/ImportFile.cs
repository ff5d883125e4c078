using System.Text;

namespace Archive.Web.Import;

/// <summary>Reads an uploaded or named file as text, refusing what can't be a post.</summary>
public static class ImportFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(string name, byte[] bytes)
    {
        if (bytes.Length == 0) throw new ImportProblem(name, "the file is empty.");
        if (bytes.Length > MaxBytes) throw new ImportProblem(name, $"the file is {bytes.Length / 1024.0 / 1024.0:0.0} MB; posts can be at most 5 MB.");
        string text;
        if (bytes is [0xFF, 0xFE, ..]) text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        else if (bytes is [0xFE, 0xFF, ..]) text = Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        else
        {
            if (LooksBinary(bytes)) throw new ImportProblem(name, "this is a binary file, not a text or HTML post.");
            try { text = StrictUtf8.GetString(bytes); }
            catch (DecoderFallbackException) { throw new ImportProblem(name, "the text isn't valid UTF-8; save it as UTF-8 and try again."); }
        }
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text)) throw new ImportProblem(name, "the file has no text in it.");
        return text;
    }

    // NUL bytes or many control characters mean an image, archive or word-processor file.
    static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (sample.Contains((byte)0)) return true;
        var control = 0;
        foreach (var b in sample) if (b < 32 && b is not (9 or 10 or 12 or 13)) control++;
        return control > sample.Length / 20;
    }
}
