-- Signed-in kudos (POST /works/{id}/kudos with the user's anti-forgery token), on works drawn with the pages'
-- popularity. A second kudos from the same user on a work is accepted and changes nothing, as on AO3.
-- Anything but a 302 redirect (not to /login) counts as a failure.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local works, next_user
function init(args)
  works = bench.works()
  next_user = bench.rotation(bench.users())
end

function request()
  local user = next_user()
  return bench.post("/works/" .. bench.popular_id(works) .. "/kudos", user.cookie, { { "__RequestVerificationToken", user.token } })
end

bench.install(bench.expect_redirect)
