using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Archive.Tests.Infrastructure;

/// <summary>A page as a visitor received it.</summary>
public sealed record Page(HttpStatusCode Status, string Url, string Html, IDocument Document)
{
    public IElement? Find(string selector) => Document.QuerySelector(selector);
    public IEnumerable<IElement> FindAll(string selector) => Document.QuerySelectorAll(selector);
    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>The response's headers (Retry-After, Set-Cookie…), where the page came from a request.</summary>
    public System.Net.Http.Headers.HttpResponseHeaders? Headers { get; init; }

    /// <summary>The validation message shown beside a form field.</summary>
    public string ErrorFor(string field) =>
        Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public string? Value(string field) =>
        Document.QuerySelector($"[name='{field}']") switch
        {
            AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
            AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value,
            AngleSharp.Html.Dom.IHtmlInputElement input => input.Value,
            _ => null,
        };
}

/// <summary>Uses the archive as a person would: reads pages, fills in forms (with their anti-forgery tokens), follows redirects.</summary>
public sealed class ArchiveClient(HttpClient http, System.Net.CookieContainer? cookies = null)
{
    /// <summary>This visitor's cookies (their session, when signed in).</summary>
    public System.Net.CookieContainer Cookies => cookies ?? throw new InvalidOperationException("This visitor's cookies aren't kept here.");

    static int counter;
    static readonly HtmlParser Parser = new();

    public HttpClient Http => http;
    public string? UserName { get; private set; }

    public async Task<Page> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await FollowAsync(response, url);
    }

    /// <summary>
    /// Submits the form whose action is <paramref name="action"/> on the page at <paramref name="pageUrl"/>, with its current values overlaid by
    /// <paramref name="fields"/>; to <paramref name="formAction"/> instead when given (a button's own formaction, such as "Save as draft").
    /// </summary>
    public async Task<Page> SubmitAsync(string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields, string? button = null, string? formAction = null)
    {
        var page = await GetAsync(pageUrl);
        var form = page.FindAll("form").FirstOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"No form posting to {action} on {pageUrl} (status {page.Status}).");
        var given = fields.ToList();
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = element.GetAttribute("name");
            if (name is null || given.Any(g => g.Key == name)) continue;
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) values.Add(new(name, box.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement input: values.Add(new(name, input.Value)); break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area: values.Add(new(name, area.Value)); break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select: values.Add(new(name, select.Value ?? "")); break;
            }
        }
        values.AddRange(given);
        if (button is not null) values.Add(new(button, "1"));
        if (formAction is not null && form.QuerySelector($"button[formaction='{formAction}']") is null)
            throw new InvalidOperationException($"No button posting to {formAction} in the form on {pageUrl}.");
        return await PostAsync(formAction ?? action, values);
    }

    /// <summary>Submits a file-upload form: its token from the page, the given fields, and files as (field, file name, bytes).</summary>
    public async Task<Page> UploadAsync(string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Field, string FileName, byte[] Bytes)> files)
    {
        var page = await GetAsync(pageUrl);
        var form = page.FindAll("form").First(f => f.GetAttribute("action") == action);
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        foreach (var (field, fileName, bytes) in files) content.Add(new ByteArrayContent(bytes), field, fileName);
        var response = await http.PostAsync(action, content);
        return await FollowAsync(response, action);
    }

    /// <summary>A valid anti-forgery token for this visitor, for posting forms a page wouldn't offer them (forged requests).</summary>
    public async Task<string> TokenAsync() =>
        (await GetAsync("/login")).Find("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values)
    {
        var response = await http.PostAsync(url, new FormUrlEncodedContent(values));
        return await FollowAsync(response, url);
    }

    async Task<Page> FollowAsync(HttpResponseMessage response, string url)
    {
        for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops < 5; hops++)
        {
            url = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
            response = await http.GetAsync(url);
        }
        // A real server's client may have followed redirects itself: the last request says where we ended up.
        if (response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } final) url = final.PathAndQuery;
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, url, html, await Parser.ParseDocumentAsync(html)) { Headers = response.Headers };
    }

    public async Task<ArchiveClient> SignUpAsync(string? userName = null)
    {
        userName ??= $"writer{Interlocked.Increment(ref counter)}_{Guid.NewGuid().ToString("N")[..6]}";
        var page = await SubmitAsync("/signup", "/signup", new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Email"] = $"{userName}@example.org", ["Password"] = "correct horse battery", ["ConfirmPassword"] = "correct horse battery",
        });
        if (page.Status != HttpStatusCode.OK || !page.Url.StartsWith("/users/"))
            throw new InvalidOperationException($"Sign-up failed: {page.Status} {page.Url} {string.Join(" | ", page.FindAll(".field-error, .errors, .field-validation-error").Select(e => e.TextContent.Trim()))}");
        UserName = userName;
        return this;
    }

    /// <summary>Posts a work through the real form; returns the page the author lands on.</summary>
    public Task<Page> PostWorkAsync(Dictionary<string, string> fields, bool preview = false)
    {
        var all = new Dictionary<string, string>
        {
            ["Title"] = "Untitled", ["Fandoms"] = "Smallville", ["Warnings"] = "No Archive Warnings Apply",
            ["Rating"] = "General Audiences", ["Body"] = "Once upon a time.", ["ExpectedChapters"] = "1",
        };
        foreach (var (key, value) in fields) all[key] = value;
        return SubmitAsync("/works/new", "/works/new", all, preview ? "preview" : null);
    }

    public static int WorkId(Page page) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(page.Url, @"^/works/(\d+)").Groups[1].Value);

    public Task<Page> AddChapterAsync(int workId, Dictionary<string, string> fields) =>
        SubmitAsync($"/works/{workId}/chapters/new", $"/works/{workId}/chapters/new", fields);
}
