-- One fixed URL (and any -H headers) with the same result line as the mixed kinds: used by mixed.sh to
-- measure a work page against the same bytes served from memory with identical wrk settings.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")
bench.install(bench.expect_page)
