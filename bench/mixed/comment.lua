-- Signed-in comments: the comment form (Comments/Views/_CommentForm.cshtml) posted to
-- /works/{id}/chapters/1/comments, on works drawn with the pages' popularity. Users take turns, so the
-- per-account limit (5 a minute by default) holds while RATE_COMMENT * 60 / USERS stays under it.
-- Anything but a 302 redirect (not to /login) counts as a failure; a 429 means a rate limit was hit.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(here .. "common.lua")

local bodies = {
  "What a chapter!",
  "<p>I didn't see that coming. The part with the lighthouse keeper made me laugh out loud.</p>",
  "<p>Thank you for writing this.</p><p>I've read it three times now and I notice something new every time.</p>",
  "Can't wait for the next part!",
}

local works, next_user
function init(args)
  works = bench.works()
  next_user = bench.rotation(bench.users())
end

function request()
  local user = next_user()
  return bench.post("/works/" .. bench.popular_id(works) .. "/chapters/1/comments", user.cookie, {
    { "__RequestVerificationToken", user.token },
    { "Subject", bench.chance(0.2) and "Wow" or "" },
    { "Body", bench.pick(bodies) },
    { "TextFormat", "Html" },
    { "Website", "" }, -- the honeypot people leave empty
  })
end

bench.install(bench.expect_redirect)
