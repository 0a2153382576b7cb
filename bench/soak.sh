# Long reliability runs of ./atlas soak (sourced by ./atlas; figures in docs/reliability.md).
# Not a test: it prints figures and a verdict per run, and exits non-zero when a run fails.
#
#   load     embedded store, -Xmx512m: wrk -t2 -c32 for ATLAS_SOAK_SECONDS (60) on a mix of hot
#            tiles, cold tiles and data API calls (bench/soak.lua) after a 10 s warm-up
#   refresh  embedded store: a new version (one indicator's values doubled through a copy of
#            config/) is made current while wrk runs; no error, ETag versions never go back, new
#            values served
#   outage   PostGIS store: PostgreSQL is stopped 10 s into a wrk run and started 15 s later;
#            every tile, hot or never asked for, keeps being served from memory, readiness stays
#            up, and the store polls the database again at once when it is back
#   flood    embedded store: 16 clients send distinct expensive requests (bench/flood.lua) while
#            the health check and a cached tile are probed 5 times a second each, as a Kubernetes
#            probe and a visitor would; their p95 must stay under 200 ms and 50 ms
#   replicas PostGIS store: two servers, each polling the version on its own, behind nginx with
#            proxy_cache (the stand-in of the ingress and CDN), and 8 map clients (bench/maps.mjs:
#            a TileJSON, then views of its tiles); a full import publishes a new version under that
#            load. No error, no map with tiles of two versions, a tile cache hit ratio of 99 % or
#            more after the warm-up, and no purge (docs/reliability.md)
#
# Uses from ./atlas: say, die, free_port, java_cli, serve_background, stop_pid, JAVA_HOME, JAR,
# pg_start (ATLAS_TEST_DB_URL, ATLAS_TEST_PG_CTL). Everything listens on 127.0.0.1; soak_cleanup stops what was started.

SOAK_DIR="" SOAK_PID="" SOAK_URL="" SOAK_WRK_PID="" SOAK_OTHERS=""  # SOAK_OTHERS: more PIDs to stop
SOAK_SECONDS="${ATLAS_SOAK_SECONDS:-60}"
SOAK_FAILED=0

soak_cleanup() {
  if [ -n "$SOAK_WRK_PID" ]; then kill "$SOAK_WRK_PID" 2>/dev/null || true; fi
  soak_server_stop
  local pid
  for pid in $SOAK_OTHERS; do stop_pid "$pid"; done
  [ -n "$SOAK_DIR" ] && [ -z "${ATLAS_SOAK_KEEP:-}" ] && rm -rf "$SOAK_DIR"
  return 0
}

soak_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# soak_server_start NAME JAVA_OPTS [VAR=value...]: serves SOAK_DIR/home on a free port
soak_server_start() {
  local name="$1" opts="$2"; shift 2
  local port; port="$(free_port 18600)"
  serve_background "$port" "$SOAK_DIR/$name.log" "$opts -Xlog:gc:file=$SOAK_DIR/$name-gc.log" \
    ATLAS_HOME="$SOAK_DIR/home" ATLAS_HOST=127.0.0.1 "$@"
  SOAK_PID="$SERVED_PID"
  SOAK_URL="http://127.0.0.1:$port"
}

soak_server_stop() {
  stop_pid "$SOAK_PID"
  SOAK_PID=""
}

# soak_wrk SECONDS OUT [VAR=value...]: wrk in the background on SOAK_URL, its report in OUT
soak_wrk() {
  local seconds="$1" out="$2"; shift 2
  env "$@" wrk -t2 -c32 -d"${seconds}s" --timeout 10s -s "$ROOT/bench/soak.lua" "$SOAK_URL" >"$out" 2>&1 &
  SOAK_WRK_PID=$!
}

soak_wrk_wait() { wait "$SOAK_WRK_PID" || true; SOAK_WRK_PID=""; }

soak_report() { # soak_report OUT: the summary lines of a wrk run
  grep -E '^(requests|errors|latency_ms|statuses|tile versions)' "$1" | sed 's/^/    /'
}

soak_errors() { # soak_errors OUT: socket errors + non-2xx/3xx answers of a wrk run
  awk '/^errors socket/ { print $4 + $6 + $8 + $10 + $12 }' "$1"
}

soak_verdict() { # soak_verdict NAME CONDITION-TEXT true|false
  if [ "$3" = true ]; then printf '  %-8s PASS  %s\n' "$1" "$2"; else printf '  %-8s FAIL  %s\n' "$1" "$2"; SOAK_FAILED=1; fi
}

soak_gc() { # soak_gc NAME: heap after the last collections and full GCs, from the -Xlog:gc file
  local log="$SOAK_DIR/$1-gc.log"
  local after full
  after="$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$log" | tail -20 | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1)"
  full="$(grep -c 'Pause Full' "$log" || true)"
  echo "    heap: largest of the last 20 collections' after-sizes ${after:-?} MB; full GCs: $full; OutOfMemoryError: $(grep -c OutOfMemoryError "$SOAK_DIR/$1.log" || true)"
}

soak_prepare() { # soak_prepare RUN...: imports what the runs need
  SOAK_DIR="$(mktemp -d /tmp/atlas-soak.XXXXXX)"
  case " $* " in *" load "*|*" refresh "*|*" flood "*)
    say "Importing the demo data into the embedded store ($SOAK_DIR/home)"
    ATLAS_JAVA_OPTS="" ATLAS_HOME="$SOAK_DIR/home" java_cli import >"$SOAK_DIR/import-embedded.log" 2>&1 \
      || { tail -30 "$SOAK_DIR/import-embedded.log"; die "import failed"; }
  esac
  case " $* " in *" outage "*|*" replicas "*)
    say "Importing the demo data into PostGIS"
    ATLAS_JAVA_OPTS="" ATLAS_HOME="$SOAK_DIR/home-pg" ATLAS_STORE=postgis ATLAS_DB_URL="$ATLAS_TEST_DB_URL" java_cli import \
      >"$SOAK_DIR/import-postgis.log" 2>&1 || { tail -30 "$SOAK_DIR/import-postgis.log"; die "import failed"; }
  esac
}

soak_load() {
  say "Load: embedded store, -Xmx512m, wrk -t2 -c32 for ${SOAK_SECONDS} s (70% hot tiles, 20% cold tiles, 10% API)"
  soak_server_start load "-Xmx512m"
  soak_wrk 10 "$SOAK_DIR/load-warmup.txt"; soak_wrk_wait
  soak_wrk "$SOAK_SECONDS" "$SOAK_DIR/load.txt"; soak_wrk_wait
  soak_report "$SOAK_DIR/load.txt"
  soak_gc load
  local alive=false errors
  errors="$(soak_errors "$SOAK_DIR/load.txt")"
  curl -sf "$SOAK_URL/observe/health/ready" >/dev/null && alive=true
  soak_server_stop
  soak_verdict load "0 errors (found ${errors:-?}), server ready after the run ($alive), no OutOfMemoryError" \
    "$([ "${errors:-1}" = 0 ] && [ "$alive" = true ] && ! grep -q OutOfMemoryError "$SOAK_DIR/load.log" && echo true || echo false)"
}

soak_refresh() {
  say "Refresh under load: embedded store, -Xmx1g, a new version made current while wrk runs"
  cp -r "$ATLAS_CONFIG_DIR" "$SOAK_DIR/config-v2"
  # the new version differs: the régions' cultural spending doubled
  awk '/^  - id: depenses_regions$/ { block = 1 } block && /multiply: 1000/ { sub(/1000/, "2000"); block = 0 } { print }' \
    "$ATLAS_CONFIG_DIR/indicators.yaml" >"$SOAK_DIR/config-v2/indicators.yaml"
  # The new version is imported first, then the live one made current again: the switch to the new
  # one happens under load. A full import on the same 2 cores as a saturated server took over 10
  # minutes at low priority; in production it is a Kubernetes Job on another node, and what the
  # serving replicas see of a refresh is CURRENT changing, then loading and serving the new version.
  local live next
  live="$(cat "$SOAK_DIR/home/embedded/CURRENT")"
  ATLAS_HOME="$SOAK_DIR/home" ATLAS_CONFIG_DIR="$SOAK_DIR/config-v2" "$JAVA_HOME/bin/java" -jar "$JAR" import \
    >"$SOAK_DIR/import-refresh.log" 2>&1 || { tail -30 "$SOAK_DIR/import-refresh.log"; die "refresh import failed"; }
  next="$(cat "$SOAK_DIR/home/embedded/CURRENT")"
  ATLAS_HOME="$SOAK_DIR/home" "$JAVA_HOME/bin/java" -jar "$JAR" publish --version "$live" >/dev/null
  soak_server_start refresh "-Xmx1g"
  local url="$SOAK_URL/api/indicators/depenses_regions/values?level=region"
  local before after version_before version_after start switched="" i
  before="$(curl -s "$url" | grep -oE '"code":"01","nom":"[^"]*","value":[0-9.E]+' | sed 's/.*"value"://')"
  version_before="$(curl -s "$SOAK_URL/observe/health/ready" | grep -oE '"version":[0-9]+' | head -1)"
  soak_wrk 900 "$SOAK_DIR/refresh.txt"
  sleep 10
  ATLAS_HOME="$SOAK_DIR/home" "$JAVA_HOME/bin/java" -jar "$JAR" publish --version "$next" >/dev/null
  start=$(soak_ms)
  for i in $(seq 1 600); do   # the server polls CURRENT every second, then loads the new version
    if curl -s "$SOAK_URL/observe/health/ready" | grep -q "\"version\":$next"; then switched=$(( $(soak_ms) - start )); break; fi
    sleep 0.2
  done
  sleep 10   # the new version under load for a while
  kill -INT "$SOAK_WRK_PID"; soak_wrk_wait
  after="$(curl -s "$url" | grep -oE '"code":"01","nom":"[^"]*","value":[0-9.E]+' | sed 's/.*"value"://')"
  version_after="$(curl -s "$SOAK_URL/observe/health/ready" | grep -oE '"version":[0-9]+' | head -1)"
  echo "    version $next made current under load; served ${switched:-never} ms later (loaded while serving);" \
    "$version_before → $version_after; Guadeloupe's depenses_regions $before → $after"
  soak_report "$SOAK_DIR/refresh.txt"
  soak_gc refresh
  grep -E 'Serving data version' "$SOAK_DIR/refresh.log" | sed 's/^/    /'
  soak_server_stop
  local errors mixed doubled
  errors="$(soak_errors "$SOAK_DIR/refresh.txt")"
  mixed="$(grep -oE 'on a connection: [0-9]+' "$SOAK_DIR/refresh.txt" | grep -oE '[0-9]+$')"
  doubled="$(awk -v a="$before" -v b="$after" 'BEGIN { print (a > 0 && b > 1.99 * a && b < 2.01 * a) ? "true" : "false" }')"
  soak_verdict refresh "0 errors (found ${errors:-?}), no tile of the old version after the new one (found ${mixed:-?}), new values served ($doubled)" \
    "$([ "${errors:-1}" = 0 ] && [ "${mixed:-1}" = 0 ] && [ "$doubled" = true ] && grep -q "v$next=" "$SOAK_DIR/refresh.txt" && echo true || echo false)"
}

soak_outage() {
  say "Database outage under load: PostGIS store; PostgreSQL stopped 10 s into the run, started 15 s later"
  soak_server_start outage "" ATLAS_STORE=postgis ATLAS_DB_URL="$ATLAS_TEST_DB_URL" ATLAS_HOME="$SOAK_DIR/home-pg"
  soak_wrk 10 "$SOAK_DIR/outage-warmup.txt"; soak_wrk_wait
  local t0 stopped started followed ready_down i status probe served=0 probes=0 before
  soak_wrk 45 "$SOAK_DIR/outage.txt" SOAK_MIX=60,30
  t0=$(soak_ms)
  sleep 10
  "$ATLAS_TEST_PG_CTL" stop; stopped=$(soak_ms)
  # the store's "answers again" lines before the outage (a blip earlier in the run) do not count
  before="$(grep -c "PostGIS answers again" "$SOAK_DIR/outage.log" || true)"
  ready_down=""
  # the version is in memory (PostgisSnapshots): readiness stays up and tiles never asked for
  # before are made while the database is down
  while [ $(( $(soak_ms) - stopped )) -lt 15000 ]; do
    [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$SOAK_URL/observe/health/ready" || true)" = 200 ] \
      || ready_down="${ready_down:-$(( $(soak_ms) - stopped ))}"
    probes=$((probes + 1))
    probe="/tiles/communes/14/$((8290 + probes))/$((5630 + probes)).mvt"
    status="$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$SOAK_URL$probe" || true)"
    { [ "$status" = 200 ] || [ "$status" = 204 ]; } && served=$((served + 1))
    sleep 0.2
  done
  "$ATLAS_TEST_PG_CTL" start; started=$(soak_ms)
  # following the database again: the store's next poll logs it
  followed=""
  for i in $(seq 1 100); do
    [ "$(grep -c "PostGIS answers again" "$SOAK_DIR/outage.log" || true)" -gt "$before" ] \
      && { followed=$(( $(soak_ms) - started )); break; }
    sleep 0.1
  done
  soak_wrk_wait
  echo "    PostgreSQL stopped at +$(( (stopped - t0) / 1000 )) s, started at +$(( (started - t0) / 1000 )) s;" \
    "readiness down $([ -n "$ready_down" ] && echo "after $ready_down ms" || echo never); $served of $probes never-asked tiles served while down;" \
    "polling the database again ${followed:-never} ms after the start"
  soak_report "$SOAK_DIR/outage.txt"
  echo "    per second (wrk timeline):"
  { grep '^second' "$SOAK_DIR/outage.txt" || true; } | awk -v t="$(( t0 / 1000 ))" '{ $2 = sprintf("+%2d s", $2 - t); print "     ", $0 }'
  local other; other="$(grep '^statuses' "$SOAK_DIR/outage.txt" | tr ' ' '\n' | grep '=' | grep -vE '^(200|204)=' || true)"
  local socket; socket="$(awk '/^errors socket/ { print $4 + $6 + $8 + $10 }' "$SOAK_DIR/outage.txt")"
  soak_server_stop
  soak_verdict outage "only 200/204 answers (others: ${other:-none}), no socket error or timeout (${socket:-?}), ready throughout, every never-asked tile served while down ($served/$probes), polling again < 5000 ms (${followed:-never})" \
    "$([ -z "$other" ] && [ "${socket:-1}" = 0 ] && [ -z "$ready_down" ] && [ "$served" -eq "$probes" ] && [ -n "$followed" ] && [ "$followed" -lt 5000 ] && echo true || echo false)"
}

# soak_probe SECONDS PREFIX PATH...: each PATH fetched on a new connection 5 times a second,
# the seconds of each answer in PREFIX-<n>.s (n: the PATH's rank)
soak_probe() {
  local seconds="$1" prefix="$2"; shift 2
  local end=$(( $(date +%s) + seconds )) i
  for i in $(seq 1 $#); do : >"$prefix-$i.s"; done
  while [ "$(date +%s)" -lt "$end" ]; do
    i=1
    for path in "$@"; do
      curl -s -o /dev/null -m 30 -w '%{time_total} %{http_code}\n' "$SOAK_URL$path" >>"$prefix-$i.s"
      i=$((i + 1))
    done
    sleep 0.2
  done
}

soak_percentiles() { # soak_percentiles FILE: "p50 … p95 … max …" in ms, and the non-200 answers
  sort -n "$1" | awk '{ a[NR] = $1 * 1000; if ($2 != 200) bad++ }
    END { printf "p50 %4.0f ms  p95 %4.0f ms  max %5.0f ms  (%d probes, %d not 200)", a[int(NR * 0.5 + 0.5)],
          a[int(NR * 0.95 + 0.5)], a[NR], NR, bad }'
}

soak_p95() { sort -n "$1" | awk '{ a[NR] = $1 * 1000 } END { printf "%.0f", a[int(NR * 0.95 + 0.5)] }'; }

soak_flood() {
  local tile="/tiles/communes/8/130/88.mvt" health="/observe/health/ready"
  say "Flood: embedded store; 16 clients of distinct expensive requests for ${SOAK_SECONDS} s, health and a cached tile probed"
  soak_server_start flood ""
  curl -sf -o /dev/null "$SOAK_URL$tile" || die "the probe tile does not answer"
  curl -sf "$SOAK_URL/api/indicators/population/values?level=commune" | grep -oE '"code":"[0-9AB]+"' | cut -d'"' -f4 \
    >"$SOAK_DIR/communes.txt"
  curl -sf "$SOAK_URL/fonts/" | grep -oE '"fonts":\[[^]]*\]' | grep -oE '"[^"]+"' | tr -d '"' | grep -v '^fonts$' \
    >"$SOAK_DIR/fonts.txt"
  soak_probe 10 "$SOAK_DIR/quiet" "$health" "$tile"
  FLOOD_CODES="$SOAK_DIR/communes.txt" FLOOD_FONTS="$SOAK_DIR/fonts.txt" wrk -t2 -c16 -d"${SOAK_SECONDS}s" --timeout 30s -s "$ROOT/bench/flood.lua" \
    "$SOAK_URL" >"$SOAK_DIR/flood.txt" 2>&1 &
  SOAK_WRK_PID=$!
  sleep 5 # the flood under way
  soak_probe $((SOAK_SECONDS - 10)) "$SOAK_DIR/flooded" "$health" "$tile"
  soak_wrk_wait
  echo "    quiet:   health $(soak_percentiles "$SOAK_DIR/quiet-1.s");  cached tile $(soak_percentiles "$SOAK_DIR/quiet-2.s")"
  echo "    flooded: health $(soak_percentiles "$SOAK_DIR/flooded-1.s");  cached tile $(soak_percentiles "$SOAK_DIR/flooded-2.s")"
  grep -E '^flood' "$SOAK_DIR/flood.txt" | sed 's/^/    /'
  local alive=false health95 tile95 other
  curl -sf "$SOAK_URL$health" >/dev/null && alive=true
  health95="$(soak_p95 "$SOAK_DIR/flooded-1.s")" tile95="$(soak_p95 "$SOAK_DIR/flooded-2.s")"
  other="$(grep '^flood statuses' "$SOAK_DIR/flood.txt" | tr ' ' '\n' | grep '=' | grep -E '^5' | grep -v '^503=' || true)"
  soak_server_stop
  soak_verdict flood "health p95 ${health95} ms <= 200, cached tile p95 ${tile95} ms <= 50, no 5xx but 503 (${other:-none}), ready after ($alive)" \
    "$([ "${health95:-9999}" -le 200 ] && [ "${tile95:-9999}" -le 50 ] && [ -z "$other" ] && [ "$alive" = true ] && echo true || echo false)"
}

soak_version() { # soak_version URL: the data version the server at URL serves (its readiness says it)
  curl -s "$1/observe/health/ready" | grep -oE '"version":[0-9]+' | head -1 | cut -d: -f2
}

# soak_tile_log FROM: the tile lines (z/x/y.mvt) of the nginx log after the time FROM; fields,
# tab-separated: time, status, cache status, URI, replica(s), their status(es)
soak_tile_log() {
  awk -F'\t' -v from="$1" '$1 > from && $4 ~ /^\/tiles\/[^\/]+\/[0-9]+\/[0-9]+\/[0-9]+\.mvt/' "$SOAK_DIR/nginx/access.log"
}

soak_replicas() {
  say "Replicas: PostGIS store, two servers behind nginx proxy_cache, 8 map clients, a new version imported under load"
  local port; port="$(free_port 18700)"
  local public="http://127.0.0.1:$port" nginx="$SOAK_DIR/nginx" a b pid i
  # each replica polls atlas.current on its own; documents name the CDN's address (ATLAS_PUBLIC_URL),
  # which also makes them public for shared caches
  soak_server_start replica-a "" ATLAS_STORE=postgis ATLAS_DB_URL="$ATLAS_TEST_DB_URL" ATLAS_HOME="$SOAK_DIR/home-pg" \
    ATLAS_PUBLIC_URL="$public"
  a="$SOAK_URL"; SOAK_OTHERS="$SOAK_OTHERS $SOAK_PID"; SOAK_PID=""
  soak_server_start replica-b "" ATLAS_STORE=postgis ATLAS_DB_URL="$ATLAS_TEST_DB_URL" ATLAS_HOME="$SOAK_DIR/home-pg" \
    ATLAS_PUBLIC_URL="$public"
  b="$SOAK_URL"; SOAK_OTHERS="$SOAK_OTHERS $SOAK_PID"; SOAK_PID=""
  mkdir -p "$nginx/cache"
  # the ingress and CDN stand-in: the servers' own Cache-Control decides what is kept and for how
  # long (a year for a tile URL naming its version, a minute for a TileJSON, then revalidated with
  # its ETag); round robin over the two replicas
  cat >"$nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
user root;
pid $nginx/nginx.pid;
error_log $nginx/error.log;
events { worker_connections 1024; }
http {
  log_format soak '\$msec\t\$status\t\$upstream_cache_status\t\$request_uri\t\$upstream_addr\t\$upstream_status';
  access_log $nginx/access.log soak;
  client_body_temp_path $nginx/body;
  proxy_temp_path $nginx/proxy;
  proxy_cache_path $nginx/cache levels=1:2 keys_zone=atlas:32m max_size=2g inactive=1h use_temp_path=off;
  upstream atlas { server ${a#http://}; server ${b#http://}; keepalive 32; }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://atlas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache atlas;
      proxy_cache_key \$request_uri;
      proxy_cache_lock on;
      proxy_cache_revalidate on;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
CONF
  /usr/sbin/nginx -e "$nginx/error.log" -p "$nginx" -c "$nginx/nginx.conf" &
  SOAK_OTHERS="$SOAK_OTHERS $!"
  for i in $(seq 1 40); do curl -sf -o /dev/null "$public/observe/health/ready" && break; sleep 0.25; done
  curl -sf -o /dev/null "$public/observe/health/ready" || { cat "$nginx/error.log" >&2; die "nginx did not start"; }

  local live next stop="$SOAK_DIR/maps.stop"
  live="$(soak_version "$a")"
  node "$ROOT/bench/maps.mjs" "$public" "$stop" 8 >"$SOAK_DIR/maps.json" 2>"$SOAK_DIR/maps.log" &
  local maps=$!
  sleep 30 # warm-up: the cache fills with tiles of version $live
  local warm; warm="$(date +%s.%N)"
  # the new version differs: the régions' cultural spending doubled (as in the refresh run)
  cp -r "$ATLAS_CONFIG_DIR" "$SOAK_DIR/config-replicas"
  awk '/^  - id: depenses_regions$/ { block = 1 } block && /multiply: 1000/ { sub(/1000/, "2000"); block = 0 } { print }' \
    "$ATLAS_CONFIG_DIR/indicators.yaml" >"$SOAK_DIR/config-replicas/indicators.yaml"
  local t0 imported
  t0=$(soak_ms)
  ATLAS_HOME="$SOAK_DIR/home-pg" ATLAS_STORE=postgis ATLAS_DB_URL="$ATLAS_TEST_DB_URL" ATLAS_CONFIG_DIR="$SOAK_DIR/config-replicas" \
    "$JAVA_HOME/bin/java" -Xmx2g -jar "$JAR" import >"$SOAK_DIR/import-replicas.log" 2>&1 \
    || { tail -30 "$SOAK_DIR/import-replicas.log"; die "the import under load failed"; }
  imported=$(( $(soak_ms) - t0 ))
  # the grace period, asked of each replica directly: tiles of the old version nobody asked for yet
  # (zoom 10 over Lyon; the maps stay at zooms 5-9) are still served, with the old version's bytes
  local graced=0 asked=0 x status etag
  sleep 3 # both replicas polled: the new version is current on each
  for x in 524 525 526; do
    for pid in "$a" "$b"; do
      asked=$((asked + 1))
      read -r status etag < <(curl -s -o /dev/null -D - "$pid/tiles/population/10/$x/$((364 + x % 2)).mvt?v=$live" \
        | awk 'NR == 1 { s = $2 } tolower($1) == "etag:" { e = $2 } END { print s, e }')
      { [ "$status" = 200 ] && [[ "$etag" == \"v$live-* ]]; } || [ "$status" = 204 ] && graced=$((graced + 1))
    done
  done
  # nginx keeps a TileJSON a minute: after that every new map is of the new version
  sleep 90
  touch "$stop"; wait "$maps" || true
  next="$(soak_version "$a")"
  local served_b; served_b="$(soak_version "$b")"
  soak_tile_log "$warm" | awk -F'\t' '{ n++; s[$3]++ } END { printf "    tiles after the warm-up: %d;", n; for (k in s) printf " %s %d", k, s[k]; printf "\n" }'
  local ratio; ratio="$(soak_tile_log "$warm" | awk -F'\t' '{ n++; if ($3 == "HIT") h++ } END { printf "%.4f", n ? h / n : 0 }')"
  awk -F'\t' -v from="$warm" '$1 > from && $4 ~ /^\/(tiles\/[^\/]+\.json|styles\/)/ { n++; s[$3]++ }
    END { printf "    styles and TileJSONs after the warm-up: %d;", n; for (k in s) printf " %s %d", k, s[k]; printf "\n" }' "$nginx/access.log"
  awk -F'\t' '$5 != "-" { s[$5]++ } END { printf "    asked of each replica (misses and revalidations):"; for (k in s) printf " %s %d", k, s[k]; printf "\n" }' \
    "$nginx/access.log"
  echo "    version $live -> $next: the import took $imported ms under load; replica b serves $served_b;" \
    "uncached tiles of version $live asked of the replicas after the switch: $graced of $asked served"
  # a request nginx had to retry on the other replica (a connection error or timeout) shows two addresses
  local retried; retried="$(awk -F'\t' '$5 ~ /,/' "$nginx/access.log" | wc -l)"
  grep -hE 'Serving data version' "$SOAK_DIR/replica-a.log" "$SOAK_DIR/replica-b.log" | sed 's/^/    /'
  echo "    clients: $(cat "$SOAK_DIR/maps.json")"
  local errors mixed both=false
  errors="$(grep -oE '"errors":[0-9]+' "$SOAK_DIR/maps.json" | cut -d: -f2)"
  mixed="$(grep -oE '"mixedMaps":[0-9]+' "$SOAK_DIR/maps.json" | cut -d: -f2)"
  grep -q "\"$live\":[0-9]" "$SOAK_DIR/maps.json" && grep -q "\"$next\":[0-9]" "$SOAK_DIR/maps.json" \
    && [ "$live" != "$next" ] && [ "$served_b" = "$next" ] && [ "$graced" = "$asked" ] && both=true
  for pid in $SOAK_OTHERS; do stop_pid "$pid"; done
  SOAK_OTHERS=""
  soak_verdict replicas "0 errors (found ${errors:-?}), 0 maps mixing versions (found ${mixed:-?}), maps of versions $live and $next on both replicas and version $live served after the switch ($both), no request retried on the other replica (found $retried), tile hit ratio after the warm-up ${ratio} >= 0.99, no purge" \
    "$([ "${errors:-1}" = 0 ] && [ "${mixed:-1}" = 0 ] && [ "$both" = true ] && [ "$retried" = 0 ] && awk -v r="$ratio" 'BEGIN { exit !(r >= 0.99) }' && echo true || echo false)"
}

soak_all() { # soak_all RUN...: load, refresh, outage, flood, replicas (all by default)
  local runs=("$@") run
  [ ${#runs[@]} -gt 0 ] || runs=(load refresh outage flood replicas)
  for run in "${runs[@]}"; do
    case "$run" in load|refresh|outage|flood|replicas) ;; *) die "unknown soak run '$run'; runs: load refresh outage flood replicas" ;; esac
  done
  soak_prepare "${runs[@]}"
  printf '\nResults\n' >&2
  for run in "${runs[@]}"; do "soak_$run"; done
  printf '\n%s cores, load average before the runs: %s; logs in %s\n' "$(nproc)" "$SOAK_LOAD_BEFORE" "$SOAK_DIR"
  [ "$SOAK_FAILED" = 0 ] || die "a soak run failed (see above)"
}
