namespace Archive.Web.Works;

/// <summary>The languages a work can be written in, as offered on the posting form.</summary>
public static class Languages
{
    public const string Default = "English";

    public static readonly IReadOnlyList<string> All =
    [
        "العربية", "Bahasa Indonesia", "Bahasa Melayu", "Български", "Català", "Čeština", "Cymraeg", "Dansk",
        "Deutsch", "Eesti", "English", "Español", "Esperanto", "Euskara", "فارسی", "Filipino", "Français",
        "Gaeilge", "Galego", "עברית", "हिन्दी", "Hrvatski", "Italiano", "日本語", "Latina", "Latviešu",
        "Lietuvių", "Magyar", "Nederlands", "Norsk", "Polski", "Português brasileiro", "Português europeu",
        "Română", "Русский", "Shqip", "Slovenčina", "Slovenščina", "Српски", "Suomi", "Svenska", "ไทย",
        "Tiếng Việt", "Türkçe", "Українська", "中文-普通话 國語", "中文-广东话 粵語", "한국어",
    ];
}
