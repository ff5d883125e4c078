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

    /// <summary>BCP 47 codes for the languages above, for ebooks and lang attributes.</summary>
    static readonly Dictionary<string, string> Codes = new()
    {
        ["العربية"] = "ar", ["Bahasa Indonesia"] = "id", ["Bahasa Melayu"] = "ms", ["Български"] = "bg", ["Català"] = "ca",
        ["Čeština"] = "cs", ["Cymraeg"] = "cy", ["Dansk"] = "da", ["Deutsch"] = "de", ["Eesti"] = "et", ["English"] = "en",
        ["Español"] = "es", ["Esperanto"] = "eo", ["Euskara"] = "eu", ["فارسی"] = "fa", ["Filipino"] = "fil", ["Français"] = "fr",
        ["Gaeilge"] = "ga", ["Galego"] = "gl", ["עברית"] = "he", ["हिन्दी"] = "hi", ["Hrvatski"] = "hr", ["Italiano"] = "it",
        ["日本語"] = "ja", ["Latina"] = "la", ["Latviešu"] = "lv", ["Lietuvių"] = "lt", ["Magyar"] = "hu", ["Nederlands"] = "nl",
        ["Norsk"] = "no", ["Polski"] = "pl", ["Português brasileiro"] = "pt-BR", ["Português europeu"] = "pt-PT", ["Română"] = "ro",
        ["Русский"] = "ru", ["Shqip"] = "sq", ["Slovenčina"] = "sk", ["Slovenščina"] = "sl", ["Српски"] = "sr", ["Suomi"] = "fi",
        ["Svenska"] = "sv", ["ไทย"] = "th", ["Tiếng Việt"] = "vi", ["Türkçe"] = "tr", ["Українська"] = "uk",
        ["中文-普通话 國語"] = "zh", ["中文-广东话 粵語"] = "yue", ["한국어"] = "ko",
    };

    /// <summary>The BCP 47 code for a language as stored on a work; "und" (undetermined) for a name not on the list.</summary>
    public static string CodeOf(string language) => Codes.GetValueOrDefault(language.Trim(), "und");

    /// <summary>Whether text in this language runs right to left.</summary>
    public static bool IsRightToLeft(string code) => code is "ar" or "fa" or "he";
}
