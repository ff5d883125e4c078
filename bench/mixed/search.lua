-- Searches (/works/search?q=...): single words, two words, a phrase, an exclusion, a creator's name, sometimes
-- with a filter, a sort or a later page. The words are the demo seed's (titles, summaries, chapter text), so
-- each query matches a realistic share of works, from a few hundred to most of them.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local queries = {
  "lighthouse", "winter garden", "lighthouse -harbour", '"second chances"', "storm", "a secret",
  "river station", "orchard -winter", "keeper tide", "mask", "old friends", "sea",
}

function request()
  local query = bench.pick(queries)
  -- Someone looking for one writer's works.
  if bench.chance(0.1) then query = "demo_writer_" .. math.random(1, 2000) end
  local path = "/works/search?q=" .. bench.escape(query)
  if bench.chance(0.15) then path = path .. "&complete=1" end
  if bench.chance(0.15) then path = path .. "&sort=kudos" end
  if bench.chance(0.15) then path = path .. "&page=2" end
  return bench.get(path)
end

bench.install(bench.expect_page)
