namespace Archive.Web.Downloads;

/// <summary>A file type a work can be downloaded as; PDF, MOBI and AZW3 are made from the EPUB by calibre.</summary>
public sealed record DownloadFormat(string Extension, string Label, string ContentType, bool ByCalibre)
{
    public static readonly DownloadFormat Epub = new("epub", "EPUB", "application/epub+zip", false);
    public static readonly DownloadFormat Html = new("html", "HTML", "text/html; charset=utf-8", false);

    /// <summary>In the order the work page lists them.</summary>
    public static readonly IReadOnlyList<DownloadFormat> All =
    [
        Epub, Html,
        new("azw3", "AZW3", "application/vnd.amazon.ebook", true),
        new("mobi", "MOBI", "application/x-mobipocket-ebook", true),
        new("pdf", "PDF", "application/pdf", true),
    ];

    public static DownloadFormat? Find(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>The formats this archive can make: all of them when calibre is installed.</summary>
    public static IEnumerable<DownloadFormat> Offered(Calibre calibre) => All.Where(f => !f.ByCalibre || calibre.IsAvailable);
}
