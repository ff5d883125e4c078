-- Tag pages: a fandom's works with filters (include and exclude tags, complete only, sorts, later pages), a
-- relationship's or character's works, and plain tag pages (/tags/{tag}), over fandoms.tsv (the most used
-- fandoms, most used first, each with its most used relationships and characters) with Zipf-like popularity.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

-- AO3's fixed tags, which every archive has.
local ratings = { "General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated" }
local categories = { "M/M", "F/M", "Gen", "F/F" }
local exclusions = { "Explicit", "Major Character Death", "Mature" }
local sorts = { "kudos", "hits", "words", "posted", "bookmarks", "title" }

local fandoms
function init(args) fandoms = bench.read("fandoms.tsv") end

-- A related tag of the fandom (the row's fields after the first), or nil when it has none.
local function related(fandom)
  if #fandom < 2 then return nil end
  return fandom[math.random(2, #fandom)]
end

local function filtered_works(fandom)
  local query = {}
  local function add(name, value) query[#query + 1] = name .. "=" .. bench.escape(value) end
  local tag = related(fandom)
  if tag and bench.chance(0.5) then add("include", tag) end
  if bench.chance(0.2) then add("include", bench.pick(ratings)) end
  if bench.chance(0.2) then add("include", bench.pick(categories)) end
  if bench.chance(0.3) then add("exclude", bench.pick(exclusions)) end
  if bench.chance(0.1) then add("complete", "1") end
  if bench.chance(0.4) then add("sort", bench.pick(sorts)) end
  if bench.chance(0.2) then add("page", tostring(math.random(2, 5))) end
  local path = "/tags/" .. bench.tag_path(fandom[1]) .. "/works"
  return #query > 0 and path .. "?" .. table.concat(query, "&") or path
end

function request()
  local fandom = bench.popular(fandoms)
  local roll = math.random()
  if roll < 0.65 then return bench.get(filtered_works(fandom)) end
  local tag = related(fandom) or fandom[1]
  if roll < 0.8 then return bench.get("/tags/" .. bench.tag_path(tag) .. "/works") end
  return bench.get("/tags/" .. bench.tag_path(bench.chance(0.6) and fandom[1] or tag))
end

bench.install(bench.expect_page)
