-- wrk script of ./atlas soak flood (bench/soak.sh): every request distinct and expensive, as a
-- hostile client would send them to defeat the caches: commune tiles at low zoom with a random
-- set of ?indicators=, portraits of random communes, glyph ranges of random font stacks, and
-- Fisher-Jenks breaks of random indicators and class counts. FLOOD_CODES and FLOOD_FONTS name
-- files of commune codes and of served font names, one per line. Portraits (35,000 communes),
-- tiles and font stacks (ordered pairs of fonts × 256 ranges) are nearly all distinct; breaks
-- (8 indicators × 7 class counts) are cached after their first computation.

local codes, fonts, indicators = {}, {}, {"population", "densite_population", "niveau_vie_median", "taux_pauvrete",
  "indice_jeunesse", "part_entreprises_culturelles", "part_salaries_culturels", "part_actifs_culturels",
  "depenses_communes_par_habitant", "monuments_historiques", "bibliotheques", "evolution_population"}
local breakable = {"population", "densite_population", "niveau_vie_median", "taux_pauvrete", "indice_jeunesse",
  "part_entreprises_culturelles", "depenses_communes_par_habitant", "evolution_population"}

threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("FLOOD_CODES")) do codes[#codes + 1] = line end
  for line in io.lines(os.getenv("FLOOD_FONTS")) do fonts[#fonts + 1] = (line:gsub(" ", "%%20")) end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  statuses = {}
end

local function pick(list, n)
  local out, seen = {}, {}
  while #out < n do
    local v = list[math.random(#list)]
    if not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  return table.concat(out, ",")
end

function request()
  local r = math.random(4)
  local path
  if r == 1 then
    local z = math.random(5, 7)
    local n = 2 ^ z
    local x = math.floor((0.5 + math.random() * 0.04) * n)   -- metropolitan France
    local y = math.floor((0.34 + math.random() * 0.04) * n)
    path = string.format("/tiles/population/%d/%d/%d.mvt?level=commune&indicators=%s", z, x, y,
      pick(indicators, math.random(1, 4)))
  elseif r == 2 then
    path = "/api/territories/commune/" .. codes[math.random(#codes)]
  elseif r == 3 then
    local start = math.random(0, 255) * 256
    path = string.format("/fonts/%s/%d-%d.pbf", pick(fonts, 2), start, start + 255)
  else
    path = string.format("/api/indicators/%s/breaks?level=commune&method=jenks&classes=%d",
      breakable[math.random(#breakable)], math.random(3, 9))
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local line = "flood statuses"
  for status, n in pairs(all) do line = line .. " " .. status .. "=" .. n end
  io.write(string.format("flood requests %d in %.0f s; latency_ms p50 %.0f p99 %.0f max %.0f\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(line .. "\n")
end
