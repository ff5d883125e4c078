-- Signed-in users posting new works: every field of the posting form (Works/Views/Form.cshtml) posted to
-- /works/new, in a fandom drawn by popularity with some of its relationships and characters, a demo trope,
-- sometimes a brand-new additional tag, and a first chapter of 1,000 to 3,000 words in HTML paragraphs.
-- Anything but a 302 redirect (not to /login) counts as a failure; a 200 is the form sent back with messages.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local ratings = { "General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated" }
local warnings = { "No Archive Warnings Apply", "Creator Chose Not To Use Archive Warnings", "Major Character Death" }
local categories = { "M/M", "F/M", "Gen", "F/F" }
local words = {
  "the", "tide", "came", "in", "over", "stones", "and", "keeper", "watched", "it", "rise", "she", "he", "they",
  "said", "nothing", "for", "a", "long", "time", "light", "winter", "harbour", "garden", "river", "station",
  "orchard", "mask", "letter", "remembered", "quietly", "never", "again", "under", "storm", "door", "open",
  "morning", "of", "to", "with", "was", "were", "had", "not", "but", "at", "last", "home", "road",
}

local fandoms, next_user, posted
function init(args)
  fandoms = bench.read("fandoms.tsv")
  next_user = bench.rotation(bench.users())
  posted = 0
end

local function chapter_text()
  local paragraphs, target, count = {}, math.random(1000, 3000), 0
  while count < target do
    local sentence = {}
    for i = 1, math.random(60, 140) do sentence[i] = words[math.random(#words)] end
    count = count + #sentence
    paragraphs[#paragraphs + 1] = "<p>" .. table.concat(sentence, " ") .. ".</p>"
  end
  return table.concat(paragraphs, "\n")
end

function request()
  local user = next_user()
  local fandom = bench.popular(fandoms)
  local relationships, characters = {}, {}
  for i = 2, #fandom do
    if bench.chance(0.5) then
      local list = fandom[i]:find("/", 1, true) and relationships or characters
      list[#list + 1] = fandom[i]
    end
  end
  local additional = { "Demo Trope " .. math.random(1, 300) }
  -- Writers keep inventing tags; these wait for wranglers.
  if bench.chance(0.3) then additional[#additional + 1] = "Bench Freeform " .. math.random(1, 100000) end
  posted = posted + 1
  return bench.post("/works/new", user.cookie, {
    { "__RequestVerificationToken", user.token },
    { "Rating", bench.pick(ratings) },
    { "Warnings", bench.pick(warnings) },
    { "Categories", bench.pick(categories) },
    { "Fandoms", fandom[1] },
    { "Relationships", table.concat(relationships, ", ") },
    { "Characters", table.concat(characters, ", ") },
    { "AdditionalTags", table.concat(additional, ", ") },
    { "Title", "Bench Work " .. posted .. " by " .. user.name },
    { "PseudIds", user.pseud },
    { "CoCreators", "" },
    { "TextFormat", "Html" },
    { "Summary", "<p>A story about the " .. words[math.random(#words)] .. ".</p>" },
    { "Notes", "" },
    { "EndNotes", "" },
    { "Language", "English" },
    { "PublishedOn", os.date("!%Y-%m-%d") },
    { "ExpectedChapters", bench.chance(0.5) and "1" or "?" },
    { "SeriesId", "" },
    { "NewSeriesTitle", "" },
    { "GiftTo", "" },
    { "Related[0].Relation", "InspiredBy" },
    { "Related[0].Url", "" },
    { "Related[0].Title", "" },
    { "Related[0].Author", "" },
    { "CommentPermission", "Everyone" },
    { "ChapterTitle", "" },
    { "Body", chapter_text() },
  })
end

bench.install(bench.expect_redirect)
