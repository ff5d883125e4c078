using System.Net;
using System.Text;
using Npgsql;

// Two floors the archive is measured against (bench/run.sh, bench/mixed.sh):
// - /works/{id}: the least a server can do for a work page: one query for the work, its first chapter and its tags, plain HTML out
//   (needs ConnectionStrings__Archive);
// - /memory: a file's bytes (a saved work page) served from memory, with the content type it was served with
//   (--memory-file PATH [--memory-content-type TYPE]): what the web server alone costs for the same bytes.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Archive");
var memoryFile = builder.Configuration["memory-file"];
if (string.IsNullOrEmpty(connectionString) && string.IsNullOrEmpty(memoryFile))
    throw new InvalidOperationException("Set ConnectionStrings__Archive to the archive's database, or pass --memory-file PATH, or both.");
var app = builder.Build();

if (!string.IsNullOrEmpty(connectionString))
{
    var dataSource = NpgsqlDataSource.Create(connectionString);
    app.MapGet("/works/{id:int}", async (int id) =>
    {
        await using var command = dataSource.CreateCommand("""
            SELECT w.title, w.summary_html, c.body_html,
                   (SELECT string_agg(t.name, ', ' ORDER BY wt.position) FROM work_tags wt JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id)
            FROM works w JOIN chapters c ON c.work_id = w.id AND c.position = 1 WHERE w.id = $1
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return Results.NotFound();
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>")
            .Append(WebUtility.HtmlEncode(reader.GetString(0))).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(reader.GetString(0)))
            .Append("</h1><p>").Append(WebUtility.HtmlEncode(reader.IsDBNull(3) ? "" : reader.GetString(3))).Append("</p>")
            .Append(reader.GetString(1)).Append(reader.GetString(2)).Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    });
}

if (!string.IsNullOrEmpty(memoryFile))
{
    // Read once at start: every request gets the same array, so nothing but HTTP is measured.
    var bytes = File.ReadAllBytes(memoryFile);
    var contentType = builder.Configuration["memory-content-type"] is { Length: > 0 } type ? type : "text/html; charset=utf-8";
    app.MapGet("/memory", () => Results.Bytes(bytes, contentType));
}
app.Run();
