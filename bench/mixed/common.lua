-- What every kind of request in bench/mixed.sh shares: the lists mixed.sh wrote before the run, Zipf-like
-- popularity, URL escaping, pacing to a target rate, and counting what each response should have been.
--
-- wrk runs a script in one Lua state per thread plus one for setup() and done(), so this file is loaded in
-- each of them; per-thread counts reach done() through thread:get().
--
-- Environment (set by mixed.sh): BENCH_LISTS (folder of the lists), BENCH_KIND (name printed in the result),
-- BENCH_RATE (requests/s for this wrk process; 0 or unset: as fast as its connections are answered),
-- BENCH_ZIPF (popularity exponent, 1 by default), BENCH_ADULT_COOKIE (share of guests who agreed to adult content).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]

local M = {}
M.lists = os.getenv("BENCH_LISTS")
M.kind = os.getenv("BENCH_KIND") or "?"
M.rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
M.zipf_exponent = tonumber(os.getenv("BENCH_ZIPF") or "1") or 1
M.adult_cookie = tonumber(os.getenv("BENCH_ADULT_COOKIE") or "0.8") or 0.8

-- Each thread (and each wrk process) draws its own sequence.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)

-- A list file: one entry a line, tab-separated fields.
function M.read(name)
  assert(M.lists, "BENCH_LISTS is not set: run this through bench/mixed.sh")
  local rows = {}
  local file = assert(io.open(M.lists .. "/" .. name, "r"))
  for line in file:lines() do
    if line ~= "" then
      local fields = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
      rows[#rows + 1] = fields
    end
  end
  file:close()
  assert(#rows > 0, name .. " is empty")
  return rows
end

function M.chance(p) return math.random() < p end
function M.pick(list) return list[math.random(#list)] end

-- A rank from 1 to n, rank k drawn about in proportion to 1/k^s: the continuous power law's inverse CDF.
-- With s = 1 that is n^u (log-uniform): the top 1% of ranks get half the draws at 10,000 works, two thirds at a million.
function M.zipf(n)
  local s, u = M.zipf_exponent, math.random()
  local rank
  if math.abs(s - 1) < 1e-9 then
    rank = math.floor(n ^ u)
  else
    rank = math.floor(((n ^ (1 - s) - 1) * u + 1) ^ (1 / (1 - s)))
  end
  if rank < 1 then return 1 elseif rank > n then return n end
  return rank
end

-- The entry of a list ordered by popularity (mixed.sh writes the lists most popular first).
function M.popular(list) return list[M.zipf(#list)] end

-- Like .NET's Uri.EscapeDataString: everything but unreserved characters is percent-encoded.
function M.escape(text)
  return (text:gsub("[^A-Za-z0-9%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- A tag name in a path, escaped as the archive does (Tags/TagUrl.cs): "A/B" is "A*s*B", then percent-encoded.
local tag_escapes = { ["/"] = "*s*", ["&"] = "*a*", ["."] = "*d*", ["?"] = "*q*", ["#"] = "*h*" }
function M.tag_path(name)
  return M.escape((name:gsub("[/&%.%?#]", tag_escapes)))
end

-- An urlencoded form body from a list of {name, value} pairs (a list, since names repeat).
function M.form(pairs_list)
  local parts = {}
  for _, pair in ipairs(pairs_list) do parts[#parts + 1] = M.escape(pair[1]) .. "=" .. M.escape(pair[2]) end
  return table.concat(parts, "&")
end

-- wrk.headers (Host with its port, anything given with -H) plus these.
function M.headers(extra)
  local all = {}
  for k, v in pairs(wrk.headers) do all[k] = v end
  for k, v in pairs(extra or {}) do all[k] = v end
  return all
end

function M.get(path, extra_headers) return wrk.format("GET", path, M.headers(extra_headers)) end

function M.post(path, cookie, fields)
  return wrk.format("POST", path, M.headers({ ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }), M.form(fields))
end

-- works.tsv, {id, chapters} per line, in two flat arrays: a million works load in a fraction of a second,
-- where a table per row would take seconds of the CPU the app is being measured on.
function M.works()
  assert(M.lists, "BENCH_LISTS is not set: run this through bench/mixed.sh")
  local ids, chapters = {}, {}
  local file = assert(io.open(M.lists .. "/works.tsv", "r"))
  local text = file:read("*a")
  file:close()
  local n = 0
  for id, count in text:gmatch("(%d+)\t(%d+)") do
    n = n + 1
    ids[n], chapters[n] = id, tonumber(count)
  end
  assert(n > 0, "works.tsv is empty")
  return { ids = ids, chapters = chapters, n = n }
end

-- A work drawn by popularity: its id (a string) and its number of chapters.
function M.popular_work(works)
  local i = M.zipf(works.n)
  return works.ids[i], works.chapters[i]
end
function M.popular_id(works) return works.ids[M.zipf(works.n)] end

-- Signed-in users mixed.sh prepared: name, cookie header, anti-forgery token, default pseud id.
function M.users()
  local users = {}
  for _, row in ipairs(M.read("users.tsv")) do
    users[#users + 1] = { name = row[1], cookie = row[2], token = row[3], pseud = row[4] }
  end
  return users
end

-- The same user in turn, so per-user limits (comments per minute) see an even spread.
function M.rotation(list)
  local i = math.random(#list) - 1
  return function()
    i = i % #list + 1
    return list[i]
  end
end

local function now_ms()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, t) -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) * 1000 + tonumber(t.tv_nsec) / 1e6
end

-- wrk calls delay() before each request. With a rate, requests leave on a fixed schedule shared by the
-- thread's connections; a thread that falls more than a second behind (the server is too slow) starts
-- a new schedule instead of bursting to catch up, so the achieved rate shows the shortfall.
local next_at
local function paced_delay()
  local now = now_ms()
  local interval = 1000 / M.rate
  if not next_at or next_at < now - 1000 then next_at = now end
  local wait = next_at - now
  next_at = next_at + interval
  return wait > 0 and math.floor(wait) or 0
end

-- What a response should be, per kind: nil when it is right, else a short label that is counted.
function M.expect_page(status)
  if status >= 200 and status < 400 then return nil end
  return tostring(status)
end

function M.expect_signed_in(status, headers, body)
  local problem = M.expect_page(status)
  if problem then return problem end
  -- The layout's log-out form: a reader whose cookie stopped working would silently read as a guest.
  if status == 200 and not body:find('action="/logout"', 1, true) then return "not signed in" end
  return nil
end

-- A form that was accepted redirects (302); one that comes back with messages is a 200, a bad token a 400.
function M.expect_redirect(status, headers)
  if status ~= 302 then return status == 200 and "200 (form refused)" or tostring(status) end
  local location = headers["Location"] or headers["location"] or ""
  if location:find("/login", 1, true) then return "302 to /login" end
  return nil
end

-- The share of requests slower than each of a grid of times ("ms:share,..."), so mixed.sh can find the percentiles
-- of all kinds together (percentiles of parts don't add up). wrk gives percentiles only: each share is the percentile
-- at that time, found by bisection.
M.grid_ms = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 175, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000 }
function M.slower_than(latency)
  if latency.max == 0 then return "-" end
  local shares = {}
  for _, limit in ipairs(M.grid_ms) do
    local low, high = 0, 100 -- percentile(low) <= limit < percentile(high), unless at the ends
    -- (percentile(100) reads past the last request in wrk and answers 0.)
    if latency.max <= limit * 1000 then low = 100 else
      for _ = 1, 24 do
        local mid = (low + high) / 2
        if latency:percentile(mid) <= limit * 1000 then low = mid else high = mid end
      end
    end
    shares[#shares + 1] = string.format("%d:%.6f", limit, 1 - low / 100)
  end
  return table.concat(shares, ",")
end

-- Installs wrk's setup/delay/response/done for a kind, checking responses with expect(status, headers, body).
function M.install(expect)
  local threads = {}
  function setup(thread) table.insert(threads, thread) end

  if M.rate > 0 then delay = paced_delay end

  problems = {}
  -- A page only needs its status, which wrk counts itself ("status" errors: not 2xx or 3xx). Defining response()
  -- makes wrk copy every body into Lua: for 60 KB work pages that cost the load generator more of the shared
  -- cores than the app's own cache hits.
  if expect ~= M.expect_page then
    function response(status, headers, body)
      local problem = expect(status, headers, body)
      if problem then problems[problem] = (problems[problem] or 0) + 1 end
    end
  end

  -- One line mixed.sh parses: kind, requests, seconds, p50/p95/p99/max in ms, failures, what failed, slower_than.
  function done(summary, latency, requests)
    local counts, failed = {}, 0
    for _, thread in ipairs(threads) do
      for label, n in pairs(thread:get("problems") or {}) do
        counts[label] = (counts[label] or 0) + n
        failed = failed + n
      end
    end
    for _, socket_error in ipairs({ "connect", "read", "write", "timeout", expect == M.expect_page and "status" or nil }) do
      local n = summary.errors[socket_error]
      if n > 0 then
        local label = socket_error == "status" and "not 2xx/3xx" or socket_error
        counts[label] = (counts[label] or 0) + n
        failed = failed + n
      end
    end
    local details = {}
    for label, n in pairs(counts) do details[#details + 1] = label .. " x" .. n end
    table.sort(details)
    local function ms(p) return string.format("%.1f", latency:percentile(p) / 1000) end
    io.write(string.format("@@result\t%s\t%d\t%.3f\t%s\t%s\t%s\t%.1f\t%d\t%s\t%s\n", M.kind, summary.requests, summary.duration / 1e6,
      ms(50), ms(95), ms(99), latency.max / 1000, failed, #details > 0 and table.concat(details, ", ") or "-", M.slower_than(latency)))
  end
end

return M
