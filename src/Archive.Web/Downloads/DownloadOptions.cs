namespace Archive.Web.Downloads;

/// <summary>Bound from the configuration section "Archive:Downloads".</summary>
public sealed class DownloadOptions
{
    public const string Section = "Archive:Downloads";

    /// <summary>calibre's ebook-convert; when unset it is looked for on PATH. PDF, MOBI and AZW3 are offered only when it exists.</summary>
    public string? EbookConvertPath { get; set; }

    /// <summary>How long one conversion may take before it is stopped.</summary>
    public int EbookConvertTimeoutSeconds { get; set; } = 180;
}
