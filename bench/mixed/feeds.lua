-- Feeds and the API: fandoms' Atom feeds (/tags/{tag}/feed.atom), the OPDS catalogue's root and a fandom's
-- OPDS feed, and works as JSON (/api/works/{id}), over the same popularity as the pages.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local fandoms, works
function init(args)
  fandoms = bench.read("fandoms.tsv")
  works = bench.works()
end

function request()
  local roll = math.random()
  if roll < 0.3 then return bench.get("/tags/" .. bench.tag_path(bench.popular(fandoms)[1]) .. "/feed.atom") end
  if roll < 0.4 then return bench.get("/opds") end
  if roll < 0.65 then return bench.get("/opds/tags/" .. bench.tag_path(bench.popular(fandoms)[1])) end
  return bench.get("/api/works/" .. bench.popular_id(works))
end

bench.install(bench.expect_page)
