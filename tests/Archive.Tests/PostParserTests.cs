using Archive.Tests.Infrastructure;
using Archive.Web.Import;
using Archive.Web.Tags;
using Archive.Web.Works;

namespace Archive.Tests;

public class PostParserTests
{
    static ParsedPost Fixture(string name) => PostParser.Parse(Fixtures.Read(name), name);

    [Theory]
    [InlineData(Fixtures.OneStepBehindPart1, 1, "Nothing in Lex’s life ever went the way he assumed it would.", "“Clark,” Lex whispered to no one.")]
    [InlineData(Fixtures.OneStepBehindPart2, 2, "When Lex found himself outside a shitty apartment", "“Of course you rate, Lex, you’ll always rate.”")]
    public void One_step_behind_parts_carry_every_field_of_the_fixture(string file, int part, string firstLine, string lastLine)
    {
        var post = Fixture(file);
        Assert.Equal("One Step Behind", post.Title);
        Assert.Equal(new DateOnly(2008, 10, 24), post.PostedOn);
        Assert.Equal(["Smallville"], post.Fandoms);
        Assert.Equal(["Lex/Clark"], post.Relationships);
        Assert.Equal("Mature", post.Rating);
        Assert.DoesNotContain("Mature", post.Freeforms);
        Assert.Contains("Disclaimer: I don’t own DC", post.Notes);
        Assert.Contains(post.Notes, n => n.StartsWith("A huge thank you to the girl") && n.Contains("twinsarein"));
        Assert.StartsWith("It is centered on the six months just before Superman's death", post.Summary);
        Assert.Equal(part, post.Part);
        Assert.Equal(2, post.TotalParts);
        Assert.Empty(post.Creators);

        var paragraphs = post.BodyHtml.Split('\n');
        Assert.Equal($"<p>{lastLine}</p>", paragraphs[^1]);
        Assert.StartsWith($"<p>{firstLine}", paragraphs[0]);
        foreach (var chrome in new[] { "Part 1/2", "Part 2/2", "Oct 24, 2008", "Previous post", "Next post", ">Up<", "Title:", "Summary:" })
            Assert.DoesNotContain(chrome, post.BodyHtml);
    }

    [Fact]
    public void Dash_lines_in_one_step_behind_become_scene_breaks()
    {
        var post = Fixture(Fixtures.OneStepBehindPart2);
        Assert.Equal(3, post.BodyHtml.Split('\n').Count(l => l == "<hr>"));
        Assert.DoesNotContain("----", post.BodyHtml);
    }

    [Fact]
    public void The_remix_carries_every_field_of_the_fixture()
    {
        var post = Fixture(Fixtures.MillionMiles);
        Assert.Equal("a million miles in another man's mask (superhero blues)", post.Title);
        Assert.Equal([new ImportedCreator("Signe", "oxoniensis")], post.Creators);
        Assert.Equal("remix_redux", post.Community);
        Assert.Equal("flava_page", post.PostedBy);
        Assert.Equal("remix_redux", post.Source);
        Assert.Equal("Lex, Superhero", post.Summary);
        Assert.Equal(["Smallville"], post.Fandoms);
        Assert.Equal(["Clark/Lex", "Clark Kent/Lex Luthor"], post.Relationships);
        Assert.Equal(["Clark Kent", "Lex Luthor"], post.Characters);
        Assert.Equal("Teen And Up Audiences", post.Rating);
        Assert.Contains("PG-13", post.Freeforms);
        Assert.Contains("Disclaimer: Gough and Millar's, not mine", post.Notes);
        Assert.Contains("A huge thank you to my beta, scribblinlenore.", post.Notes);
        Assert.Equal([new ImportedRelation(Relation.RemixOf, "I, Superhero", "arysteia")], post.RelatedWorks);
        Assert.Equal(1, post.Part);
        Assert.Equal(1, post.TotalParts);

        Assert.StartsWith("<p>Buildings like trees, forest-like city.", post.BodyHtml);
        Assert.EndsWith("That's now.</p>", post.BodyHtml);
        // Two blank lines between paragraphs are scene breaks.
        Assert.Contains("<p>From behind glass.</p>\n<hr>\n<p>The disguise is absurd.</p>", post.BodyHtml);
        foreach (var chrome in new[] { "wrote in", "Fic:", "Tags:", "Post a new comment", "screened", "reCAPTCHA", "Privacy Policy", "Author:", "original author" })
            Assert.DoesNotContain(chrome, post.BodyHtml);
        Assert.DoesNotContain("<p>a million miles in another man's mask", post.BodyHtml);
    }

    [Theory]
    [InlineData("G", "General Audiences")]
    [InlineData("K+", "General Audiences")]
    [InlineData("FRC", "General Audiences")]
    [InlineData("PG", "General Audiences")]
    [InlineData("PG-13", "Teen And Up Audiences")]
    [InlineData("pg-15", "Teen And Up Audiences")]
    [InlineData("T", "Teen And Up Audiences")]
    [InlineData("FR15", "Teen And Up Audiences")]
    [InlineData("R", "Mature")]
    [InlineData("M", "Mature")]
    [InlineData("Mature", "Mature")]
    [InlineData("FRM", "Mature")]
    [InlineData("NC-17", "Explicit")]
    [InlineData("NC-17 for sex", "Explicit")]
    [InlineData("X", "Explicit")]
    [InlineData("MA", "Explicit")]
    [InlineData("FRAO", "Explicit")]
    [InlineData("Explicit", "Explicit")]
    [InlineData("spicy", "Not Rated")]
    public void Ratings_map_to_ao3s_set(string written, string rating) => Assert.Equal(rating, PostParser.MapRating(written));

    [Fact]
    public void Other_header_spellings_and_creator_forms_are_understood()
    {
        var post = PostParser.Parse("""
            FIC: Winter Light (3/5) [Stargate Atlantis]

            TITLE: Winter Light
            Writer: [livejournal.com profile] mcsheplets & Jane Doe (janed)
            Fandoms: Stargate Atlantis; Stargate SG-1
            Relationships: John Sheppard/Rodney McKay
            Characters: John Sheppard, Rodney McKay, Teyla Emmagan
            Rated: NC-17
            Warnings: none
            Category: Slash
            Genre: angst, hurt/comfort
            Beta: thanks to someone
            Spoilers: through season 3
            Author's Notes: Written for a challenge.
            Word count: 4,000
            Mood: creative
            Inspired by: "The Long Night" by someoneelse

            The story's first paragraph.


            A second scene.
            o0o
            A third scene.
            """, "winter.txt");
        Assert.Equal("Winter Light", post.Title);
        Assert.Equal([new ImportedCreator("mcsheplets", null), new ImportedCreator("Jane Doe", "janed")], post.Creators);
        Assert.Equal(["Stargate Atlantis", "Stargate SG-1"], post.Fandoms);
        Assert.Equal(["John Sheppard/Rodney McKay"], post.Relationships);
        Assert.Equal(["John Sheppard", "Rodney McKay", "Teyla Emmagan"], post.Characters);
        Assert.Equal("Explicit", post.Rating);
        Assert.Contains("NC-17", post.Freeforms);
        Assert.Equal([ArchiveWarnings.NoneApply], post.Warnings);
        Assert.Equal(["M/M"], post.Categories);
        Assert.Contains("Angst", post.Freeforms);
        Assert.Contains("Hurt/Comfort", post.Freeforms);
        Assert.Contains("Beta: thanks to someone", post.Notes);
        Assert.Contains("Spoilers: through season 3", post.Notes);
        Assert.Contains("Written for a challenge.", post.Notes);
        Assert.DoesNotContain(post.Notes, n => n.StartsWith("Mood") || n.StartsWith("Word count"));
        Assert.Equal([new ImportedRelation(Relation.InspiredBy, "The Long Night", "someoneelse")], post.RelatedWorks);
        Assert.Equal(3, post.Part);
        Assert.Equal(5, post.TotalParts);
        Assert.Equal("<p>The story's first paragraph.</p>\n<hr>\n<p>A second scene.</p>\n<hr>\n<p>A third scene.</p>", post.BodyHtml);
    }

    [Fact]
    public void Unknown_header_keys_are_kept_as_notes()
    {
        var post = PostParser.Parse("Title: Kept\nFandom: Due South\nSoundtrack: Kate Bush\n\nBody text.", "kept.txt");
        Assert.Contains("Soundtrack: Kate Bush", post.Notes);
        Assert.Equal("<p>Body text.</p>", post.BodyHtml);
    }

    [Theory]
    [InlineData("Chapter 3", 3, null)]
    [InlineData("Part 2 of 2", 2, 2)]
    [InlineData("(1/3)", 1, 3)]
    [InlineData("Part Two", 2, null)]
    public void Part_markers_on_the_first_line_are_read_and_removed(string marker, int part, int? total)
    {
        var post = PostParser.Parse($"Title: Marked\nFandom: Due South\n\n{marker}\n\nIt begins.", "marked.txt");
        Assert.Equal(part, post.Part);
        Assert.Equal(total, post.TotalParts);
        Assert.Equal("<p>It begins.</p>", post.BodyHtml);
    }

    [Fact]
    public void Part_markers_in_the_title_are_read_and_removed()
    {
        var post = PostParser.Parse("Title: Long Road Home, Part 2 of 3\nFandom: Due South\n\nOn the road.", "road.txt");
        Assert.Equal("Long Road Home", post.Title);
        Assert.Equal((2, 3), (post.Part, post.TotalParts));
    }

    [Fact]
    public void A_post_with_no_header_is_one_chapter_titled_from_the_file_name_with_its_text_intact()
    {
        var post = PostParser.Parse("It was a dark and stormy night.\n\n“Quotes” and — dashes — stay.\n\nKey: not a header, just prose.", "dark_and_stormy.txt");
        Assert.Equal("dark and stormy", post.Title);
        Assert.Equal("Not Rated", post.Rating);
        Assert.False(post.HasHeader);
        Assert.Equal("<p>It was a dark and stormy night.</p>\n<p>“Quotes” and — dashes — stay.</p>\n<p>Key: not a header, just prose.</p>", post.BodyHtml);
        Assert.Equal((1, 1), (post.Part, post.TotalParts));
    }

    [Fact]
    public void An_html_post_keeps_its_emphasis_and_loses_its_page_chrome()
    {
        var post = PostParser.Parse("""
            <html><head><title>x</title><script>var a;</script></head><body>
            <div class="sidebar">Calendar</div>
            <h1 class="entry-title">Fic: Tea Time (1/2)</h1>
            <span class="datetime">2009-03-14 10:00:00</span>
            <div class="entry-content">
            <b>Title:</b> Tea Time<br><b>Author:</b> someone<br><b>Fandom:</b> Doctor Who<br><b>Rating:</b> G<br>
            <p>The <em>kettle</em> sang.</p><p>She poured.</p><hr><p>Later, <i>much</i> later.</p>
            </div>
            <div class="footer">Page generated Mar 14th, 2009</div>
            </body></html>
            """, "tea.html");
        Assert.Equal("Tea Time", post.Title);
        Assert.Equal(new DateOnly(2009, 3, 14), post.PostedOn);
        Assert.Equal([new ImportedCreator("someone", null)], post.Creators);
        Assert.Equal(["Doctor Who"], post.Fandoms);
        Assert.Equal("General Audiences", post.Rating);
        Assert.Equal((1, 2), (post.Part, post.TotalParts));
        Assert.Equal("<p>The <em>kettle</em> sang.</p>\n<p>She poured.</p>\n<hr>\n<p>Later, <em>much</em> later.</p>", post.BodyHtml);
    }

    [Fact]
    public void A_header_with_no_title_and_no_story_is_refused_naming_the_file()
    {
        var problem = Assert.Throws<ImportProblem>(() => PostParser.Parse("Fandom: Nothing Here\nRating: G\n", "empty-story.txt"));
        Assert.Equal("empty-story.txt: found no title and no story text.", problem.Message);
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty.")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "this is a binary file, not a text or HTML post.")]
    [InlineData(new byte[] { 0x48, 0x69, 0x20, 0xC3, 0x28, 0x21 }, "the text isn't valid UTF-8; save it as UTF-8 and try again.")]
    public void Files_that_cannot_be_posts_are_refused_with_a_reason(byte[] bytes, string reason)
    {
        var problem = Assert.Throws<ImportProblem>(() => ImportFile.Decode("bad.txt", bytes));
        Assert.Equal($"bad.txt: {reason}", problem.Message);
    }

    [Fact]
    public void Files_over_five_megabytes_are_refused()
    {
        var problem = Assert.Throws<ImportProblem>(() => ImportFile.Decode("huge.txt", new byte[ImportFile.MaxBytes + 1].Select(_ => (byte)'a').ToArray()));
        Assert.StartsWith("huge.txt: the file is 5.0 MB; posts can be at most 5 MB.", problem.Message);
    }

    [Fact]
    public void Tag_names_from_footers_are_capitalised_as_readers_write_them()
    {
        Assert.Equal("Clark Kent/Lex Luthor", PostParser.Capitalise("clark kent/lex luthor"));
        Assert.Equal("X-Men", PostParser.Capitalise("x-men"));
        Assert.Equal("LexCorp", PostParser.Capitalise("LexCorp"));
    }

    [Fact]
    public void A_dreamwidth_community_post_loses_its_chrome_and_keeps_its_metadata()
    {
        var post = PostParser.Parse("""
            [personal profile] pale_reader wrote in [community profile] fic_exchange,
            2010-05-02 14:22:00

            Previous Entry | Next Entry

            Pale Fire, Chapter 3

            Title: Pale Fire
            Author: [personal profile] pale_reader
            Fandom: Sherlock (TV)
            Rating: FRT
            Summary: A chapter of a longer story.

            Chapter 3

            The fire burned low.

            ~~~~~~

            Morning came.

            Share This Entry
            ( 3 comments — Reply )
            Flag
            """, "pale.html.txt");
        Assert.Equal("Pale Fire", post.Title);
        Assert.Equal("fic_exchange", post.Community);
        Assert.Equal("pale_reader", post.PostedBy);
        Assert.Equal([new ImportedCreator("pale_reader", null)], post.Creators);
        Assert.Equal(new DateOnly(2010, 5, 2), post.PostedOn);
        Assert.Equal("Teen And Up Audiences", post.Rating);
        Assert.Equal(3, post.Part);
        Assert.Null(post.TotalParts);
        Assert.Equal("<p>The fire burned low.</p>\n<hr>\n<p>Morning came.</p>", post.BodyHtml);
    }

    [Fact]
    public void Navigation_words_inside_a_story_and_prose_about_writing_are_kept()
    {
        var post = PostParser.Parse("Everything she ever wrote\n\nwas about him.\n\nHome\n\nThat was the word.\n\nShe wrote it down.\n\nMore story.\n\nAnd more.\n\nStill more.\n\nNearly done.\n\nThe end.\n\nUp", "words.txt");
        Assert.StartsWith("<p>Everything she ever wrote</p>\n<p>was about him.</p>\n<p>Home</p>", post.BodyHtml);
        Assert.Null(post.PostedBy);
        Assert.EndsWith("<p>The end.</p>", post.BodyHtml);
    }

    [Fact]
    public void A_whole_journal_page_loses_its_profile_box_calendar_and_tag_cloud()
    {
        var post = PostParser.Parse("""
            <html><body>
            <div id="header-bar"><a href="/">Home</a> <a href="/login">Log in</a></div>
            <div class="profile-box"><p>Name: someone</p><p>Website: example.org</p></div>
            <div class="calendar"><table><tr><td>Sun</td><td>Mon</td></tr><tr><td>1</td><td>2</td></tr></table></div>
            <h2>Fic: Small Hours</h2>
            <p>Title: Small Hours<br>Fandom: Due South<br>Rating: K</p>
            <p>It was late.</p><p>Too late.</p>
            <div class="tag-cloud"><a>fic</a> <a>due south</a> <a>meta</a></div>
            <p>Powered by LiveJournal.com</p>
            </body></html>
            """, "page.html");
        Assert.Equal("Small Hours", post.Title);
        Assert.Equal("General Audiences", post.Rating);
        Assert.Equal("<p>It was late.</p>\n<p>Too late.</p>", post.BodyHtml);
        Assert.DoesNotContain(post.Notes, n => n.Contains("Website") || n.Contains("Sun"));
    }

    [Fact]
    public void Calendar_rows_copied_with_a_post_are_not_story()
    {
        var post = PostParser.Parse("Title: Copied\nFandom: Due South\n\nThe story.\n\nS M T W T F S\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14", "copied.txt");
        Assert.Equal("<p>The story.</p>", post.BodyHtml);
    }
}
