-- Guests reading: work pages (/works/{id}), chapter pages (/works/{id}/chapters/{n}) and now and then the whole
-- work (?view_full_work=true), over works.tsv with Zipf-like popularity. Most guests send the view_adult=true
-- cookie (they agreed earlier in their session); the others get the adult-content notice on Mature, Explicit and
-- Not Rated works, as new visitors do. No other cookies: each request is a visitor the server hasn't seen.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")
local reading = dofile(here .. "reading.lua")

local works
function init(args) works = bench.works() end

function request()
  local path = reading.path(bench.popular_work(works))
  if bench.chance(bench.adult_cookie) then return bench.get(path, { ["Cookie"] = "view_adult=true" }) end
  return bench.get(path)
end

bench.install(bench.expect_page)
