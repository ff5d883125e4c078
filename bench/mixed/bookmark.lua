-- Signed-in bookmarks: the bookmark form (Bookmarks/Views/Edit.cshtml) posted to /works/{id}/bookmark with a
-- note, the reader's own tags, sometimes "rec", rarely private. Bookmarking a work again edits the bookmark.
-- Anything but a 302 redirect (not to /login) counts as a failure.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local notes = { "", "", "Loved this.", "<p>One of my favourites: the <em>ending</em>!</p>", "To reread in winter." }
local bookmark_tags = { "", "favourites", "comfort read, to reread", "angst, slow burn", "fluff" }

local works, next_user
function init(args)
  works = bench.works()
  next_user = bench.rotation(bench.users())
end

function request()
  local user = next_user()
  local fields = {
    { "__RequestVerificationToken", user.token },
    { "notes", bench.pick(notes) },
    { "tags", bench.pick(bookmark_tags) },
  }
  -- Unchecked boxes send nothing, as in a browser.
  if bench.chance(0.05) then fields[#fields + 1] = { "isPrivate", "true" } end
  if bench.chance(0.3) then fields[#fields + 1] = { "isRec", "true" } end
  return bench.post("/works/" .. bench.popular_id(works) .. "/bookmark", user.cookie, fields)
end

bench.install(bench.expect_redirect)
