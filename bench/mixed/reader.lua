-- Signed-in readers reading work and chapter pages like guests do (reading.lua), each request as one of the
-- users mixed.sh signed up, with their session cookie. Signed-in reads also write the reading history.
-- A page that doesn't show the reader as signed in counts as a failure.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")
local reading = dofile(here .. "reading.lua")

local works, users
function init(args)
  works = bench.works()
  users = bench.users()
end

function request()
  local user = bench.pick(users)
  -- Readers agreed to adult content this session, as most guests have.
  return bench.get(reading.path(bench.popular_work(works)), { ["Cookie"] = user.cookie .. "; view_adult=true" })
end

bench.install(bench.expect_signed_in)
