-- wrk script of ./atlas soak (bench/soak.sh): a mix of hot tiles (a fixed set, cached after the
-- first request), cold tiles (random commune-level tiles over metropolitan France, nearly all
-- unique, so rendered) and data API calls. Per thread it counts statuses per second, and checks
-- that the data version in tile ETags ("v<N>-…") never goes back on a connection: a lower version
-- after a higher one would be a tile of the old version served after the switch.
--   SOAK_MIX="hot,cold,api" percentages (default 70,20,10)

local hot, api = {}, {}
local mix_hot, mix_cold = 70, 90

local function tile_of(lon, lat, z)
  local n = 2 ^ z
  local x = math.floor((lon + 180) / 360 * n)
  local r = math.rad(lat)
  local y = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
  return x, y
end

local function init_lists()
  local places = {{2.35, 48.85}, {4.83, 45.76}, {5.37, 43.30}, {-1.55, 47.22}, {7.75, 48.58}, {1.44, 43.60}}
  -- what a map shows by default: levels by zoom (communes from z8), indicators on the level of the zoom
  local tilesets = {"regions", "departements", "monuments_historiques", "bibliotheques", "equipements"}
  for _, p in ipairs(places) do
    for z = 4, 9 do
      local x, y = tile_of(p[1], p[2], z)
      for _, t in ipairs(tilesets) do
        hot[#hot + 1] = string.format("/tiles/%s/%d/%d/%d.mvt", t, z, x, y)
      end
      if z >= 8 then hot[#hot + 1] = string.format("/tiles/communes/%d/%d/%d.mvt", z, x, y) end
    end
  end
  api = {"/api/indicators", "/api/indicators/depenses_regions/values?level=region",
         "/api/territories/search?q=par", "/api/territories/search?q=saint", "/tiles/communes.json",
         "/styles/atlas.json", "/ogc/collections", "/api/indicators/bibliotheques/breaks?level=departement"}
end

threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  init_lists()
  local m = os.getenv("SOAK_MIX")
  if m then
    local a, b = m:match("^(%d+),(%d+)")
    mix_hot, mix_cold = tonumber(a), tonumber(a) + tonumber(b)
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  counts = {}          -- "second status" -> n
  mixed = 0
  max_version = 0
  versions = {}
end

function request()
  local r = math.random(100)
  local path
  if r <= mix_hot then
    path = hot[math.random(#hot)]
  elseif r <= mix_cold then
    local z = math.random(10, 13)
    local x, y = tile_of(-4.5 + math.random() * 12.5, 42.5 + math.random() * 8.5, z)
    local sets = {"communes", "monuments_historiques", "depenses_communes_par_habitant"}
    path = string.format("/tiles/%s/%d/%d/%d.mvt", sets[math.random(#sets)], z, x, y)
  else
    path = api[math.random(#api)]
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end

function response(status, headers, body)
  local key = os.time() .. " " .. status
  counts[key] = (counts[key] or 0) + 1
  local etag = headers["ETag"] or headers["etag"]
  if etag then
    local v = tonumber(etag:match('"v(%d+)%-'))
    if v then
      versions[v] = (versions[v] or 0) + 1
      if v < max_version then mixed = mixed + 1 end
      if v > max_version then max_version = v end
    end
  end
end

function done(summary, latency, requests)
  local seconds, timeline, total_mixed, versions_seen, statuses = {}, {}, 0, {}, {}
  for _, t in ipairs(threads) do
    total_mixed = total_mixed + t:get("mixed")
    for v, n in pairs(t:get("versions")) do versions_seen[v] = (versions_seen[v] or 0) + n end
    for key, n in pairs(t:get("counts")) do
      local sec, status = key:match("^(%d+) (%d+)$")
      sec = tonumber(sec)
      if not timeline[sec] then timeline[sec] = {}; seconds[#seconds + 1] = sec end
      timeline[sec][status] = (timeline[sec][status] or 0) + n
      statuses[status] = (statuses[status] or 0) + n
    end
  end
  table.sort(seconds)
  local secs = summary.duration / 1e6
  io.write(string.format("requests %d  duration_s %.1f  rate_per_s %.0f\n", summary.requests, secs,
    summary.requests / secs))
  io.write(string.format("errors socket connect %d read %d write %d timeout %d; non-2xx/3xx %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("latency_ms p50 %.2f p90 %.2f p99 %.2f max %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local line = "statuses"
  for status, n in pairs(statuses) do line = line .. " " .. status .. "=" .. n end
  io.write(line .. "\n")
  line = "tile versions (ETag)"
  for v, n in pairs(versions_seen) do line = line .. " v" .. v .. "=" .. n end
  io.write(line .. "; older version after a newer one on a connection: " .. total_mixed .. "\n")
  for _, sec in ipairs(seconds) do
    line = "second " .. sec
    for status, n in pairs(timeline[sec]) do line = line .. " " .. status .. "=" .. n end
    io.write(line .. "\n")
  end
end
