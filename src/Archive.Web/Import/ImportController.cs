using Archive.Web.Accounts;
using Archive.Web.Works;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Archive.Web.Import;

/// <summary>
/// Importing old posts in two steps: paste or upload, then check and correct each work in a preview, then post.
/// The preview carries the posts' text in the form, so nothing lives on the server between the steps.
/// </summary>
[Authorize]
[Route("/works/import")]
public sealed class ImportController(WorkImporter importer, WorkPosting posting) : Controller
{
    const long MaxRequest = 64 * 1024 * 1024;
    int CurrentUserId => User.UserId()!.Value;

    [HttpGet("")]
    public IActionResult Start() => View("Start", new ImportPage(null, [], [], []));

    [HttpPost("")]
    [RequestSizeLimit(MaxRequest)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequest, ValueLengthLimit = ImportFile.MaxBytes * 2)]
    public async Task<IActionResult> Preview(string? pasted, List<IFormFile> files, List<ImportSource> sources)
    {
        var problems = new List<string>();
        var fromFiles = sources.ToList();
        foreach (var file in files)
        {
            try
            {
                if (file.Length > ImportFile.MaxBytes) throw new ImportProblem(file.FileName, $"the file is {file.Length / 1024.0 / 1024.0:0.0} MB; posts can be at most 5 MB.");
                using var stream = new MemoryStream();
                await file.CopyToAsync(stream);
                fromFiles.Add(new ImportSource { Name = Path.GetFileName(file.FileName), Text = ImportFile.Decode(Path.GetFileName(file.FileName), stream.ToArray()) });
            }
            catch (ImportProblem problem) { problems.Add(problem.Message); }
        }
        var (works, parseProblems) = Read(fromFiles, pasted);
        problems.AddRange(parseProblems);
        if (works.Count == 0 && problems.Count == 0) problems.Add("There was nothing to import: paste the text of a post, or choose .txt or .html files.");
        if (works.Count == 0) return View("Start", new ImportPage(pasted, fromFiles, [], problems));
        return View("Preview", PreviewPage(pasted, fromFiles, works, works.Select(ImportCorrection.From).ToList(), problems));
    }

    [HttpPost("post")]
    [RequestSizeLimit(MaxRequest)]
    [RequestFormLimits(ValueLengthLimit = ImportFile.MaxBytes * 2)]
    public async Task<IActionResult> Post(ImportPostForm form)
    {
        var (works, problems) = Read(form.Sources, form.Pasted);
        if (works.Count == 0 || works.Count != form.Works.Count)
        {
            // The posts changed since the preview (or none were left): show the preview of what is there now.
            problems.Insert(0, "The posts changed since the preview; please check them again.");
            return works.Count == 0
                ? View("Start", new ImportPage(form.Pasted, form.Sources, [], problems))
                : View("Preview", PreviewPage(form.Pasted, form.Sources, works, works.Select(ImportCorrection.From).ToList(), problems));
        }
        for (var i = 0; i < works.Count; i++)
        {
            var errors = new ModelStateDictionary();
            var correction = form.Works[i];
            await posting.ValidateAsync(correction.ForValidation(works[i]), CurrentUserId, isNew: false, works[i].Parts.Count, errors, othersCredited: true);
            foreach (var (field, entry) in errors)
                foreach (var error in entry.Errors) ModelState.AddModelError($"Works[{i}].{field}", error.ErrorMessage);
        }
        if (!ModelState.IsValid) return View("Preview", PreviewPage(form.Pasted, form.Sources, works, form.Works, problems));

        var results = new List<ImportResult>();
        for (var i = 0; i < works.Count; i++)
        {
            form.Works[i].ApplyTo(works[i]);
            results.Add(await importer.ImportAsync(works[i], CurrentUserId));
        }
        if (results.Count == 1 && problems.Count == 0)
        {
            TempData["Notice"] = Describe(results[0]);
            return Redirect($"/works/{results[0].WorkId}");
        }
        ViewData["Problems"] = problems;
        return View("Done", new ImportDone(results));
    }

    public static string Describe(ImportResult result) => result.Outcome switch
    {
        ImportOutcome.Created => $"Imported “{result.Title}” ({result.Chapters} chapter{(result.Chapters == 1 ? "" : "s")}).",
        ImportOutcome.Updated => $"Added the new parts to “{result.Title}”, which now has {result.Chapters} chapters.",
        _ => $"“{result.Title}” was already imported; nothing changed.",
    };

    static (List<ImportedWork> Works, List<string> Problems) Read(List<ImportSource> fromFiles, string? pasted)
    {
        var (posts, problems) = ImportSources.Parse([.. fromFiles, .. ImportSources.SplitPasted(pasted)]);
        return (ImportedWork.Group(posts), problems);
    }

    static ImportPage PreviewPage(string? pasted, List<ImportSource> sources, List<ImportedWork> works, List<ImportCorrection> fields, List<string> problems) =>
        new(pasted, sources, works.Select((work, i) => new ImportWorkPreview(i, fields[i], work.ExpectedChapters,
                work.Parts.Select(p => new ImportChapterPreview(p.Part, FirstLine(p.BodyHtml), Text.StoryText.CountWords(p.BodyHtml))).ToList(),
                work.RelatedWorks, work.Source, work.PostedOn)).ToList(),
            problems);

    static string FirstLine(string html)
    {
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html.Split('\n')[0], "<[^>]*>", ""));
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
