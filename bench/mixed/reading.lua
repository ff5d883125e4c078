-- Which page of a work a reader asks for; shared by guest.lua and reader.lua so both read alike.
local R = {}

-- Half the visits open the work (its first chapter), a tenth the whole work, the rest a later chapter of a
-- work that has several (or the first of a one-shot).
function R.path(id, chapters)
  local roll = math.random()
  if roll < 0.5 then return "/works/" .. id end
  if roll < 0.6 then return "/works/" .. id .. "?view_full_work=true" end
  local chapter = chapters > 1 and math.random(2, chapters) or 1
  return "/works/" .. id .. "/chapters/" .. chapter
end

return R
