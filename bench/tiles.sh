# Tile speed benchmarks of ./atlas bench (sourced by ./atlas after the imports; see
# docs/benchmarks.md). Each figure is a ratio to a baseline measured in the same run:
#
#   cold  500 commune tiles z8-z12 over metropolitan France, each requested once by 2 concurrent
#         clients from a server started on an empty tile cache and warmed up by 2,000 other tiles
#         (and once more after only 200), per store, against the martin-equivalent ST_AsMVT
#         query on the same PostGIS run by pgbench -M prepared -c 2; each figure is the median
#         of ATLAS_BENCH_PASSES (3) fresh servers, and of as many pgbench runs
#   hot   three tiles (~5 KB, ~40 KB, ~150 KB) over keep-alive, uncompressed and gzipped, wrk -t2
#         -c32, against nginx serving the same bytes from disk (gzip_static for the gzipped ones);
#         TB_PASSES rounds of 5 s alternated, nginx then ours, the median of the rounds' ratios
#   sizes largest tile per zoom z0-z14 and level, against the 250 KB budget
#   before with --before REV, the cold and hot runs of the embedded store on revision REV too
#
# Uses from ./atlas: say, die, free_port, apt_install, java_cli, serve_background, stop_pid, JAVA_HOME, PG_BIN, and
# BENCH_HOME (an embedded store already imported), ATLAS_TEST_DB_URL and ATLAS_TEST_PG_PORT (a
# PostGIS already imported). Everything listens on 127.0.0.1 only; bench_tiles_cleanup stops
# what was started (./atlas calls it from its EXIT trap).

TB_DIR="" TB_SERVER_PID="" TB_NGINX_PID=""
# warm-up: 2,000 tiles stand for a server that has been running (though on 2 cores its JIT
# compilers still take a third to a half of the CPU after them, docs/benchmarks.md "Why
# medians"); the figure after only the first 200 of them, a young server, is reported too.
# Every server is ready only after its own warm-up (atlas.tiles.warmup, tile.Warmup): time to
# ready includes it, and its tiles are not cached, so the cold tiles stay cold
TB_TILES=500 TB_WARMUP=2000 TB_WARMUP_SHORT=200 TB_WRK_SECONDS="${ATLAS_BENCH_WRK_SECONDS:-10}"
# a hot figure: each side warmed up TB_WRK_SECONDS, then TB_PASSES rounds of this many seconds
TB_HOT_SECONDS=5
# the 500 cold tiles take a warm server about 0.3 s on 2 cores: one G1 pause of 70-100 ms (the
# young server's first collections move the loaded version) or the C2 compiler taking half of
# both cores moves a single measure by a quarter, so each cold figure is the median of
# TB_PASSES measures, each on a fresh server
TB_PASSES="${ATLAS_BENCH_PASSES:-3}"
TB_BUDGET=$((250 * 1024)) # TileEncoder.MAX_BYTES
# the shell's printf reads and writes "495.4", whatever the machine's locale (fr_FR writes "495,4")
LC_NUMERIC=C

bench_tiles_settings() { # before the build and the imports: a wrong setting stops at once
  [[ "$TB_PASSES" =~ ^[1-9][0-9]*$ ]] || die "ATLAS_BENCH_PASSES must be a positive number of passes (got '$TB_PASSES')"
  return 0
}

bench_tiles_packages() {
  local missing=()
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  # on Debian bookworm pgbench ships with the server package (postgresql-contrib depends on it)
  [ -x "$PG_BIN/pgbench" ] || missing+=(postgresql-15)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

tb_psql() {
  "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$ATLAS_TEST_PG_PORT" -U atlas -d atlas_test "$@"
}

tb_ms() { echo $(( $(date +%s%N) / 1000000 )); }
tb_median_fmt() { # tb_median_fmt FORMAT VALUES... : their median, printed with FORMAT
  local fmt="$1"; shift
  printf '%s\n' "$@" | sort -g | awk -v f="$fmt" '{ v[NR] = $1 } END { printf f, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
tb_median() { tb_median_fmt %.1f "$@"; }
tb_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# --- the tile lists, made in SQL from the imported communes (deterministic: md5 order) ---------

bench_tiles_prepare() {
  local version
  version="$(tb_psql -c "SELECT version FROM atlas.current")"
  [ -n "$version" ] || die "no current PostGIS version to benchmark"
  say "Baseline table bench.commune_3857 (atlas_v$version communes, source detail, GiST) and tile lists"
  tb_psql <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
-- what martin would serve: the raw commune table, source detail, same attributes, GiST-indexed
CREATE TABLE bench.commune_3857 AS
  SELECT t.id, t.code, t.nom, g.geom FROM atlas_v$version.territory t
  JOIN atlas_v$version.territory_geom g USING (level, id)
  WHERE t.level = 'commune' AND g.band = (SELECT max(band) FROM atlas_v$version.territory_geom);
CREATE INDEX ON bench.commune_3857 USING gist (geom);
ANALYZE bench.commune_3857;
-- one point in every commune, with its population, to place tiles where France is
CREATE TABLE bench.point AS
  SELECT c.code, ST_PointOnSurface(c.geom) AS p, coalesce(t.population, 0) AS population
  FROM bench.commune_3857 c JOIN atlas_v$version.territory t ON t.level = 'commune' AND t.code = c.code;
CREATE FUNCTION bench.tile_of(p geometry, z int, OUT x int, OUT y int) LANGUAGE sql IMMUTABLE AS \$\$
  SELECT floor((ST_X(p) + 20037508.342789244) / (40075016.68557849 / 2 ^ z))::int,
         floor((20037508.342789244 - ST_Y(p)) / (40075016.68557849 / 2 ^ z))::int \$\$;
-- every tile of z0-z14 holding a commune point, metropolitan or not
CREATE TABLE bench.covered AS
  SELECT DISTINCT z, t.x, t.y, md5(z || '/' || t.x || '/' || t.y) AS h, p.code !~ '^9[78]' AS metro
  FROM bench.point p, generate_series(0, 14) z, LATERAL bench.tile_of(p.p, z) t;
-- cold list: 500 tiles z8-z12 over metropolitan France (commune codes 01-95, 2A, 2B), taken
-- in turn from each zoom (z8 has only about 70), then 2,000 more for warming the JVM up (other
-- tiles, so that the measured ones stay uncached)
CREATE TABLE bench.metro AS
  SELECT z, x, y, h, row_number() OVER (PARTITION BY z ORDER BY h) AS r
  FROM (SELECT DISTINCT z, x, y, h FROM bench.covered WHERE metro AND z BETWEEN 8 AND 12) s;
CREATE TABLE bench.pick AS
  SELECT z, x, y, h, row_number() OVER (ORDER BY r, h) AS n FROM bench.metro;
CREATE TABLE bench.tiles AS
  SELECT row_number() OVER (ORDER BY h)::int AS i, z, x, y FROM bench.pick WHERE n <= $TB_TILES;
CREATE UNIQUE INDEX ON bench.tiles (i);
CREATE TABLE bench.warmup AS
  SELECT z, x, y FROM bench.pick WHERE n > $TB_TILES ORDER BY n LIMIT $TB_WARMUP;
CREATE SEQUENCE bench.next_tile;
-- size scan: every covered tile at z0-z9; at z10-z14, the 3x3 tiles around the 20 most
-- populous communes and 100 covered tiles drawn in md5 order
CREATE TABLE bench.sizes AS
  SELECT DISTINCT z, x, y FROM bench.covered WHERE z <= 9
  UNION
  SELECT z, t.x + dx, t.y + dy FROM (SELECT p FROM bench.point ORDER BY population DESC LIMIT 20) big,
    generate_series(10, 14) z, LATERAL bench.tile_of(big.p, z) t, generate_series(-1, 1) dx, generate_series(-1, 1) dy
  UNION
  SELECT z, x, y FROM (SELECT z, x, y, row_number() OVER (PARTITION BY z ORDER BY h) AS r
      FROM (SELECT DISTINCT z, x, y, h FROM bench.covered WHERE z >= 10) c) s
    WHERE r <= 100;
SQL
  tb_psql -c "\\copy (SELECT z, x, y FROM bench.tiles ORDER BY i) TO '$TB_DIR/cold.txt' WITH (DELIMITER ' ')"
  tb_psql -c "\\copy (SELECT z, x, y FROM bench.warmup) TO '$TB_DIR/warmup.txt' WITH (DELIMITER ' ')"
  tb_psql -c "\\copy (SELECT z, x, y FROM bench.sizes ORDER BY z, x, y) TO '$TB_DIR/sizes.txt' WITH (DELIMITER ' ')"
  [ "$(wc -l <"$TB_DIR/cold.txt")" -eq "$TB_TILES" ] || die "expected $TB_TILES cold tiles, got $(wc -l <"$TB_DIR/cold.txt")"
  [ "$(wc -l <"$TB_DIR/warmup.txt")" -eq "$TB_WARMUP" ] || die "expected $TB_WARMUP warm-up tiles, got $(wc -l <"$TB_DIR/warmup.txt")"
}

# --- our server ------------------------------------------------------------------------------

tb_server_start() { # tb_server_start embedded|postgis : TB_READY_MS, from the JVM's start to ready
  local port; port="$(free_port 18180)"
  local env=(ATLAS_HOME="$BENCH_HOME" ATLAS_HOST=127.0.0.1 ATLAS_STORE="$1")
  [ "$1" = postgis ] && env+=(ATLAS_DB_URL="$ATLAS_TEST_DB_URL")
  local start; start="$(tb_ms)"
  # polled every 0.05 s (wait_ready's 0.25 s would round every time to ready up to a quarter second)
  WAIT_READY_POLL=0.05 serve_background "$port" "$TB_DIR/server-$1.log" "${TB_JVM_OPTS:-} ${ATLAS_JAVA_OPTS:-}" "${env[@]}"
  TB_READY_MS=$(( $(tb_ms) - start ))
  TB_SERVER_PID="$SERVED_PID"
  TB_URL="http://127.0.0.1:$port"
}

tb_server_stop() {
  stop_pid "$TB_SERVER_PID"
  TB_SERVER_PID=""
}

# tb_fetch list tileset out [parallel]: requests every "z x y" of list once, `parallel` at a
# time over keep-alive connections (one curl process), writes "status bytes z/x/y" lines to out,
# prints the wall time in ms
tb_fetch() {
  local list="$1" tileset="$2" out="$3" parallel="${4:-2}" cfg="$TB_DIR/curl.cfg" start end
  awk -v base="$TB_URL/tiles/$tileset" '{ printf "url = \"%s/%s/%s/%s.mvt\"\noutput = \"/dev/null\"\n", base, $1, $2, $3 }' "$list" >"$cfg"
  start="$(tb_ms)"
  curl -sS --no-progress-meter -Z --parallel-immediate --parallel-max "$parallel" -K "$cfg" \
    -w '%{http_code} %{size_download} %{url_effective}\n' >"$out" 2>"$out.err" || true
  end="$(tb_ms)"
  sed -i -E 's#http://[^ ]*/tiles/[^/]*/([0-9]+/[0-9]+/[0-9]+)\.mvt$#\1#' "$out"
  local bad; bad="$(awk '$1 != 200 && $1 != 204' "$out" | head -3)"
  [ -z "$bad" ] || { head -3 "$out.err" >&2; die "tile requests failed (status bytes tile): $bad"; }
  [ "$(wc -l <"$out")" -eq "$(wc -l <"$list")" ] || die "expected $(wc -l <"$list") answers in $out"
  echo $((end - start))
}

# tb_jit_ticks PID: CPU time (clock ticks) the JVM's JIT compiler threads have used so far. On
# 2 cores C2 is still compiling after thousands of tiles (it compiled ~1,000 methods over the
# first 15,000 tiles of a run): the share of the machine it takes during a measure says how warm
# the JVM measured really was
tb_jit_ticks() {
  local task total=0 name
  for task in /proc/"$1"/task/*; do
    name="$(cat "$task/comm" 2>/dev/null)" || continue
    case "$name" in
      "C1 CompilerThre"* | "C2 CompilerThre"*) total=$((total + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$total"
}

tb_jit_share() { # tb_jit_share ticks ms : percent of all cores' time over ms that ticks are
  awk -v t="$1" -v ms="$2" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * t / hz / (ms / 1000 * n) }'
}

# --- cold tiles --------------------------------------------------------------------------------

TB_PGBENCH_TPS="" TB_COLD_EMBEDDED="" TB_COLD_POSTGIS=""

bench_tiles_baseline() {
  say "Cold baseline: martin-equivalent ST_AsMVT query, pgbench -M prepared -c 2, each of the $TB_TILES tiles once, $TB_PASSES times"
  cat >"$TB_DIR/martin.sql" <<'SQL'
SELECT z, x, y FROM bench.tiles WHERE i = (SELECT (nextval('bench.next_tile') - 1) % 500 + 1) \gset
SELECT ST_AsMVT(q, 'commune', 4096, 'geom', 'id') FROM (SELECT id, code, nom, ST_AsMVTGeom(geom, ST_TileEnvelope(:z, :x, :y), 4096, 64, true) AS geom FROM bench.commune_3857 WHERE geom && ST_TileEnvelope(:z, :x, :y, margin => 64.0 / 4096)) q;
SQL
  local pass tps
  TB_PGBENCH_ALL=""
  for pass in $(seq 1 "$TB_PASSES"); do
    tb_psql -c "SELECT setval('bench.next_tile', 1, false)" >/dev/null
    "$PG_BIN/pgbench" -n -M prepared -c 2 -j 2 -t $((TB_TILES / 2)) -f "$TB_DIR/martin.sql" \
      -h 127.0.0.1 -p "$ATLAS_TEST_PG_PORT" -U atlas atlas_test >"$TB_DIR/pgbench.log" 2>&1 \
      || { cat "$TB_DIR/pgbench.log" >&2; die "pgbench failed"; }
    tps="$(sed -n 's/^tps = \([0-9.]*\) .*without initial connection time.*/\1/p' "$TB_DIR/pgbench.log")"
    [ -n "$tps" ] || { cat "$TB_DIR/pgbench.log" >&2; die "no tps in the pgbench output"; }
    [ "$(tb_psql -c "SELECT last_value FROM bench.next_tile")" -eq "$TB_TILES" ] || die "pgbench did not make each tile once"
    TB_PGBENCH_ALL="${TB_PGBENCH_ALL:+$TB_PGBENCH_ALL }$(printf '%.1f' "$tps")"
  done
  TB_PGBENCH_TPS="$(tb_median $TB_PGBENCH_ALL)"
  tb_psql -c "SELECT length(ST_AsMVT(q, 'commune', 4096, 'geom', 'id')) FROM bench.tiles t CROSS JOIN LATERAL (SELECT id, code, nom, ST_AsMVTGeom(geom, ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom FROM bench.commune_3857 WHERE geom && ST_TileEnvelope(t.z, t.x, t.y, margin => 64.0 / 4096)) q GROUP BY t.i" \
    | awk '{ s += $1 } END { print s }' >"$TB_DIR/martin-bytes.txt"
}

bench_tiles_cold() { # bench_tiles_cold embedded|postgis [warm-up tiles] : leaves the last server running
  local warmup="${2:-$TB_WARMUP}" pass jit ms all="" jits="" readies=""
  say "Cold tiles, $1 store: $TB_PASSES fresh servers, each warmed up by $warmup other tiles, then the $TB_TILES tiles, 2 clients"
  head -n "$warmup" "$TB_DIR/warmup.txt" >"$TB_DIR/warmup-$warmup.txt"
  for pass in $(seq 1 "$TB_PASSES"); do
    tb_server_stop
    tb_server_start "$1"
    tb_fetch "$TB_DIR/warmup-$warmup.txt" communes "$TB_DIR/warmup-$1.out" 2 >/dev/null
    jit="$(tb_jit_ticks "$TB_SERVER_PID")"
    ms="$(tb_fetch "$TB_DIR/cold.txt" communes "$TB_DIR/cold-$1.out" 2)"
    jits="${jits:+$jits/}$(tb_jit_share $(($(tb_jit_ticks "$TB_SERVER_PID") - jit)) "$ms")"
    all="${all:+$all }$(awk -v n="$TB_TILES" -v ms="$ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')"
    readies="${readies:+$readies }$TB_READY_MS"
  done
  # the median, and every pass for the report ("1718.2 1908.4 1666.7", JIT "42/38/40")
  local tps; tps="$(tb_median $all)"
  if [ "$warmup" -ne "$TB_WARMUP" ]; then # a young server, with the AOT cache (TB_JVM_OPTS) or without
    local key="${1^^}${TB_JVM_OPTS:+_AOT}"
    eval "TB_YOUNG_$key=$tps TB_YOUNG_ALL_$key='$all' TB_READY_$key=$(tb_median $readies) TB_READY_ALL_$key='$readies' TB_JIT_YOUNG_$key=$jits"
    return
  fi
  eval "TB_JIT_${1^^}=$jits TB_COLD_ALL_${1^^}='$all'"
  if [ "$1" = embedded ]; then TB_COLD_EMBEDDED="$tps"; else TB_COLD_POSTGIS="$tps"; fi
  # the same list again on the last server, now from the cache
  ms="$(tb_fetch "$TB_DIR/cold.txt" communes "$TB_DIR/cached-$1.out" 2)"
  eval "TB_CACHED_${1^^}=$(awk -v n="$TB_TILES" -v ms="$ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')"
}

# --- hot tiles ---------------------------------------------------------------------------------

TB_HOT_TILE="" TB_HOT_OURS=""
# the three sizes measured (bytes uncompressed): a typical commune tile, a dense one, a low-zoom one
TB_HOT_SIZES="small:5120 medium:40960 large:153600"
declare -A TB_HOT=() # "size tile" -> tile; "size encoding nginx|ours" -> median req/s; "… ratio(s)"

tb_nginx_start() { # serves $TB_DIR/www on a free port, the .gz beside each file to who accepts gzip
  local port; port="$(free_port 18280)"
  mkdir -p "$TB_DIR/nginx"
  chmod 755 "$TB_DIR" "$TB_DIR/www"
  cat >"$TB_DIR/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TB_DIR/nginx/nginx.pid;
error_log $TB_DIR/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $TB_DIR/nginx/body;
  types { }
  default_type application/vnd.mapbox-vector-tile;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$port;
    root $TB_DIR/www;
  }
}
EOF
  /usr/sbin/nginx -e "$TB_DIR/nginx/error.log" -p "$TB_DIR/nginx" -c "$TB_DIR/nginx/nginx.conf" &
  TB_NGINX_PID=$!
  TB_NGINX_URL="http://127.0.0.1:$port"
  local i
  for i in $(seq 1 40); do
    curl -sf -o /dev/null "$TB_NGINX_URL/medium.mvt" && return 0
    sleep 0.25
  done
  cat "$TB_DIR/nginx/error.log" >&2
  die "nginx did not start"
}

tb_nginx_stop() {
  stop_pid "$TB_NGINX_PID"
  TB_NGINX_PID=""
}

tb_wrk_once() { # tb_wrk_once SECONDS url [header] : req/s over one window of wrk -t2 -c32
  local seconds="$1" url="$2" h=(); [ -n "${3:-}" ] && h=(-H "$3")
  wrk -t2 -c32 -d"${seconds}s" "${h[@]}" "$url" >"$TB_DIR/wrk.log" 2>&1 || { cat "$TB_DIR/wrk.log" >&2; die "wrk failed on $url"; }
  grep -q 'Non-2xx' "$TB_DIR/wrk.log" && { cat "$TB_DIR/wrk.log" >&2; die "wrk got errors from $url"; }
  local rps; rps="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$TB_DIR/wrk.log")"
  [ -n "$rps" ] || { cat "$TB_DIR/wrk.log" >&2; die "wrk gave no rate for $url"; }
  echo "$rps"
}

# Each side is warmed up for TB_WRK_SECONDS first: after 3 s our JIT was still compiling the HTTP
# path, and the next 10 s window read a third lower than the one after.

tb_hot_rounds() { # tb_hot_rounds url : req/s, the median of TB_PASSES windows after a warm-up, on
  # its own (--before measures both revisions' hot tile so)
  local url="$1" pass all=()
  tb_wrk_once "$TB_WRK_SECONDS" "$url" >/dev/null
  for pass in $(seq 1 "$TB_PASSES"); do all+=("$(tb_wrk_once "$TB_HOT_SECONDS" "$url")"); done
  tb_median "${all[@]}"
}

tb_hot_pair() { # tb_hot_pair KEY nginx-url ours-url [header] : both warmed up, then TB_PASSES rounds
  # of one window each, nginx then ours, alternated; TB_HOT[KEY nginx|ours] the medians of each side,
  # TB_HOT[KEY ratio] the median of the rounds' ratios. nginx itself moved by a fifth between runs
  # (42,967 and 52,063 req/s on the same 76 KB file): a round's two sides share the machine's state
  local key="$1" nginx="$2" ours="$3" header="${4:-}" pass n o ns=() os=() ratios=()
  tb_wrk_once "$TB_WRK_SECONDS" "$nginx" "$header" >/dev/null
  tb_wrk_once "$TB_WRK_SECONDS" "$ours" "$header" >/dev/null
  for pass in $(seq 1 "$TB_PASSES"); do
    n="$(tb_wrk_once "$TB_HOT_SECONDS" "$nginx" "$header")"
    o="$(tb_wrk_once "$TB_HOT_SECONDS" "$ours" "$header")"
    ns+=("$n") os+=("$o") ratios+=("$(tb_ratio "$o" "$n")")
  done
  TB_HOT["$key nginx"]="$(tb_median "${ns[@]}")" TB_HOT["$key ours"]="$(tb_median "${os[@]}")"
  TB_HOT["$key ratio"]="$(tb_median_fmt %.2f "${ratios[@]}")" TB_HOT["$key ratios"]="${ratios[*]}"
}

tb_closest() { # tb_closest bytes : the commune tile of the cold and size runs closest to that size
  # the size run has not been made yet when --before measures its revision first
  { cat "$TB_DIR/cold-embedded.out" "$TB_DIR/sizes-communes.out" 2>/dev/null || true; } \
    | awk -v want="$1" '$1 == 200 { d = $2 - want; if (d < 0) d = -d; if (best == "" || d < bd) { best = $3; bd = d } } END { print best }'
}

bench_tiles_hot() { # with the embedded server running, after its cold and size runs
  mkdir -p "$TB_DIR/www"
  local entry name tile
  for entry in $TB_HOT_SIZES; do
    name="${entry%%:*}"
    tile="$(tb_closest "${entry#*:}")"
    # the middle one is the tile of the before/after comparison (--before): the same on both sides
    if [ "$name" = medium ]; then
      TB_HOT_TILE="${TB_HOT_TILE:-$tile}"
      tile="$TB_HOT_TILE"
    fi
    curl -sf -o "$TB_DIR/www/$name.mvt" "$TB_URL/tiles/communes/$tile.mvt"
    curl -sf -H 'Accept-Encoding: gzip' -o "$TB_DIR/www/$name.mvt.gz" "$TB_URL/tiles/communes/$tile.mvt"
    gzip -t "$TB_DIR/www/$name.mvt.gz" || die "the gzipped answer for $tile is not gzip"
    TB_HOT["$name tile"]="$tile"
  done
  say "Hot tiles ${TB_HOT[small tile]}, ${TB_HOT[medium tile]}, ${TB_HOT[large tile]}, uncompressed then gzipped: each side warmed up ${TB_WRK_SECONDS} s, then $TB_PASSES rounds of wrk -t2 -c32 -d${TB_HOT_SECONDS}s, nginx then ours"
  if [ -n "$TB_BEFORE_TREE" ]; then # measured as REV's is, alone and first (bench_tiles_before)
    TB_HOT_OURS="$(tb_hot_rounds "$TB_URL/tiles/communes/$TB_HOT_TILE.mvt")"
  fi
  tb_nginx_start
  for entry in $TB_HOT_SIZES; do
    name="${entry%%:*}"
    cmp -s "$TB_DIR/www/$name.mvt" <(curl -sf "$TB_NGINX_URL/$name.mvt") || die "nginx does not serve the same bytes"
    cmp -s "$TB_DIR/www/$name.mvt.gz" <(curl -sf -H 'Accept-Encoding: gzip' "$TB_NGINX_URL/$name.mvt") \
      || die "nginx does not serve the same gzipped bytes (gzip_static)"
    tb_hot_pair "$name raw" "$TB_NGINX_URL/$name.mvt" "$TB_URL/tiles/communes/${TB_HOT[$name tile]}.mvt"
    tb_hot_pair "$name gzip" "$TB_NGINX_URL/$name.mvt" "$TB_URL/tiles/communes/${TB_HOT[$name tile]}.mvt" \
      'Accept-Encoding: gzip'
  done
  tb_nginx_stop
}

tb_hot_report() {
  local entry name enc file
  printf '\nhot tiles, wrk -t2 -c32, keep-alive, against nginx serving the same bytes (gzip_static for gzip); medians of %d alternated rounds of %s s, the ratio the median of the rounds'"'"' ratios:\n' "$TB_PASSES" "$TB_HOT_SECONDS"
  for entry in $TB_HOT_SIZES; do
    name="${entry%%:*}"
    for enc in raw gzip; do
      file="$TB_DIR/www/$name.mvt"; [ "$enc" = gzip ] && file="$file.gz"
      printf '  %-6s %-4s communes/%-14s %7d bytes  nginx %8.0f req/s  ours %8.0f req/s  ratio %s (target >= 0.8) [%s]\n' \
        "$name" "$enc" "${TB_HOT[$name tile]}" "$(stat -c %s "$file")" "${TB_HOT[$name $enc nginx]}" \
        "${TB_HOT[$name $enc ours]}" "${TB_HOT[$name $enc ratio]}" "${TB_HOT[$name $enc ratios]}"
    done
  done
}

# --- largest tile per zoom and level -----------------------------------------------------------

bench_tiles_sizes() { # with the embedded server running
  say "Largest tile per zoom z0-z14 and level: $(wc -l <"$TB_DIR/sizes.txt") tiles per level"
  local tileset
  for tileset in regions departements epci communes; do
    tb_fetch "$TB_DIR/sizes.txt" "$tileset" "$TB_DIR/sizes-$tileset.out" 2 >/dev/null
  done
}

tb_sizes_table() {
  local files=() tileset
  for tileset in regions departements epci communes; do files+=("$TB_DIR/sizes-$tileset.out"); done
  awk -v budget="$TB_BUDGET" '
    FNR == 1 { f++ }
    { split($3, t, "/"); z = t[1]; n[f, z]++; if ($2 + 0 > max[f, z] + 0) { max[f, z] = $2; at[f, z] = $3 } if ($2 + 0 > budget) over[f, z]++ }
    END {
      printf "  %-4s %-32s %-32s %-32s %-32s\n", "z", "regions", "departements", "epci", "communes"
      for (z = 0; z <= 14; z++) {
        printf "  %-4s", z
        for (i = 1; i <= 4; i++) {
          cell = sprintf("%7.1f KB %s%s", max[i, z] / 1024, at[i, z], over[i, z] ? " OVER x" over[i, z] : "")
          printf " %-32s", cell
        }
        printf "   (%d tiles)\n", n[1, z]
      }
    }' "${files[@]}"
}

# --- before/after ------------------------------------------------------------------------------
# ./atlas bench --before REV: the cold and hot runs of the embedded store again on the server of
# git revision REV (its own build, its own config/ and its own import), once before ours and once
# after on the same machine (the mean of the two is compared), so that a refactoring is judged
# within one run and the order does not favour either side. The PostGIS store is left out: two
# revisions would publish into the same database.

TB_BEFORE_REV="" TB_BEFORE_TREE="" TB_BEFORE_COLD="" TB_BEFORE_COLD_ALL="" TB_BEFORE_HOT=""

bench_before_prepare() { # bench_before_prepare REV : builds REV in a worktree and imports with it
  TB_BEFORE_REV="$(git -C "$ROOT" rev-parse --short "$1^{commit}" 2>/dev/null)" || die "bench --before: unknown revision '$1'"
  TB_BEFORE_TREE="$BENCH_HOME/before-src"
  git -C "$ROOT" worktree add -q --detach "$TB_BEFORE_TREE" "$TB_BEFORE_REV"
  say "Building $TB_BEFORE_REV for the before/after comparison"
  mvn -q -B package -DskipTests -f "$TB_BEFORE_TREE/pom.xml" || die "the build of $TB_BEFORE_REV failed"
  say "Full import with $TB_BEFORE_REV into its own embedded store"
  ATLAS_HOME="$BENCH_HOME/before" ATLAS_CONFIG_DIR="$TB_BEFORE_TREE/config" "$JAVA_HOME/bin/java" ${ATLAS_JAVA_OPTS:-} \
    -jar "$TB_BEFORE_TREE/tile-server/target/atlas-tile-server.jar" import >"$BENCH_HOME/before-import.log" 2>&1 \
    || { tail -20 "$BENCH_HOME/before-import.log" >&2; die "the import of $TB_BEFORE_REV failed"; }
}

bench_before_cleanup() {
  [ -n "$TB_BEFORE_TREE" ] && git -C "$ROOT" worktree remove --force "$TB_BEFORE_TREE" 2>/dev/null
  TB_BEFORE_TREE=""
  return 0
}

bench_tiles_before() { # the same cold list and hot tile on REV's server; run before and after ours
  [ -n "$TB_BEFORE_TREE" ] || return 0
  local ours_cold="$TB_COLD_EMBEDDED" ours_cached="${TB_CACHED_EMBEDDED:-}" ours_hot="$TB_HOT_OURS"
  local ours_all="${TB_COLD_ALL_EMBEDDED:-}" ours_jit="${TB_JIT_EMBEDDED:-}"
  [ -f "$TB_DIR/cold-embedded.out" ] && mv "$TB_DIR/cold-embedded.out" "$TB_DIR/cold-embedded.ours"
  # serve_background starts $JAR with this ATLAS_HOME and config: REV's own, for these calls only
  local JAR="$TB_BEFORE_TREE/tile-server/target/atlas-tile-server.jar" BENCH_HOME="$BENCH_HOME/before"
  local ATLAS_CONFIG_DIR="$TB_BEFORE_TREE/config"
  export ATLAS_CONFIG_DIR
  bench_tiles_cold embedded
  TB_BEFORE_COLD="${TB_BEFORE_COLD:+$TB_BEFORE_COLD }$TB_COLD_EMBEDDED"
  TB_BEFORE_COLD_ALL="${TB_BEFORE_COLD_ALL:+$TB_BEFORE_COLD_ALL; }$TB_COLD_ALL_EMBEDDED"
  if [ -z "$TB_HOT_TILE" ]; then # the first run, before ours: the medium hot tile, from this list
    TB_HOT_TILE="$(tb_closest 40960)"
  fi
  say "Hot tile communes/$TB_HOT_TILE on $TB_BEFORE_REV"
  TB_BEFORE_HOT="${TB_BEFORE_HOT:+$TB_BEFORE_HOT }$(tb_hot_rounds "$TB_URL/tiles/communes/$TB_HOT_TILE.mvt")"
  tb_server_stop
  mv "$TB_DIR/cold-embedded.out" "$TB_DIR/cold-embedded.before"
  [ -f "$TB_DIR/cold-embedded.ours" ] && mv "$TB_DIR/cold-embedded.ours" "$TB_DIR/cold-embedded.out"
  TB_COLD_EMBEDDED="$ours_cold" TB_CACHED_EMBEDDED="$ours_cached" TB_HOT_OURS="$ours_hot"
  TB_COLD_ALL_EMBEDDED="$ours_all" TB_JIT_EMBEDDED="$ours_jit"
}

tb_mean() { echo "$1" | tr ' ' '\n' | awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n }'; }

# --- report ------------------------------------------------------------------------------------

bench_tiles_report() {
  local kb_ours kb_martin
  kb_ours="$(awk '{ s += $2 } END { printf "%.0f", s / 1024 }' "$TB_DIR/cold-embedded.out")"
  kb_martin="$(awk '{ printf "%.0f", $1 / 1024 }' "$TB_DIR/martin-bytes.txt")"
  printf '\ncold tiles: %d commune tiles z8-z12 (%s), each once, 2 concurrent clients, empty tile cache, JVM warmed up by %d other tiles; median of %d fresh servers (each pass in brackets):\n' "$TB_TILES" \
    "$(awk '{ n[$1]++ } END { for (z = 8; z <= 12; z++) printf "%sz%d: %d", (z > 8 ? ", " : ""), z, n[z] }' "$TB_DIR/cold.txt")" "$TB_WARMUP" "$TB_PASSES"
  printf '  martin-equivalent ST_AsMVT, pgbench -M prepared -c 2  %7.1f tiles/s  (%s KB in all, source detail) [%s]\n' "$TB_PGBENCH_TPS" "$kb_martin" "$TB_PGBENCH_ALL"
  printf '  ours, embedded store                                 %7.1f tiles/s  ratio %s (target >= 3)    (%s KB in all; JIT compilers %s %% of the CPU meanwhile) [%s]\n' \
    "$TB_COLD_EMBEDDED" "$(tb_ratio "$TB_COLD_EMBEDDED" "$TB_PGBENCH_TPS")" "$kb_ours" "${TB_JIT_EMBEDDED:-?}" "${TB_COLD_ALL_EMBEDDED:-}"
  printf '  ours, PostGIS store                                  %7.1f tiles/s  ratio %s (target >= 3)    (JIT compilers %s %% of the CPU meanwhile) [%s]\n' \
    "$TB_COLD_POSTGIS" "$(tb_ratio "$TB_COLD_POSTGIS" "$TB_PGBENCH_TPS")" "${TB_JIT_POSTGIS:-?}" "${TB_COLD_ALL_POSTGIS:-}"
  printf '  (a fresh JVM warmed up by only %d tiles, its compiler still at work: embedded %s tiles/s, ratio %s; PostGIS %s tiles/s, ratio %s)\n' \
    "$TB_WARMUP_SHORT" "${TB_YOUNG_EMBEDDED:-?}" "$(tb_ratio "${TB_YOUNG_EMBEDDED:-0}" "$TB_PGBENCH_TPS")" \
    "${TB_YOUNG_POSTGIS:-?}" "$(tb_ratio "${TB_YOUNG_POSTGIS:-0}" "$TB_PGBENCH_TPS")"
  printf '\na young server: time from the JVM start to ready, and its cold-tile rate after its first %d tiles (the same 500) against its warm rate above; medians of %d fresh servers:\n' "$TB_WARMUP_SHORT" "$TB_PASSES"
  local store key
  for store in embedded postgis; do
    for key in "${store^^}" "${store^^}_AOT"; do
      eval "local ready=\${TB_READY_$key:-} young=\${TB_YOUNG_$key:-} warm=\${TB_COLD_${store^^}:-} jit=\${TB_JIT_YOUNG_$key:-?}"
      eval "local readies=\${TB_READY_ALL_$key:-} youngs=\${TB_YOUNG_ALL_$key:-}"
      [ -n "$young" ] || continue
      printf '  %-8s %-19s ready in %6.0f ms (target <= 3000)  %7.1f tiles/s  %s of warm (target >= 0.80)  (JIT %s %%) [ready %s; tiles/s %s]\n' "$store" \
        "$([ "$key" = "${store^^}" ] && echo 'no AOT cache' || echo 'AOT cache (JDK 25)')" "$ready" "$young" "$(tb_ratio "$young" "$warm")" "$jit" "$readies" "$youngs"
    done
  done
  printf '  (for comparison, the same 500 again from our cache, one measure on the last server: embedded %s tiles/s, PostGIS %s tiles/s)\n' \
    "${TB_CACHED_EMBEDDED:-?}" "${TB_CACHED_POSTGIS:-?}"
  tb_hot_report
  if [ -n "$TB_BEFORE_COLD" ]; then
    local before_cold before_hot
    before_cold="$(tb_mean "$TB_BEFORE_COLD")" before_hot="$(tb_mean "$TB_BEFORE_HOT")"
    printf '\nbefore/after, embedded store, same run (%s measured before and after this tree, mean of the two medians):\n' "$TB_BEFORE_REV"
    printf '  cold tiles  %s %7.1f tiles/s (%s) [%s]   this tree %7.1f tiles/s   after/before %s\n' "$TB_BEFORE_REV" \
      "$before_cold" "$TB_BEFORE_COLD" "$TB_BEFORE_COLD_ALL" "$TB_COLD_EMBEDDED" "$(tb_ratio "$TB_COLD_EMBEDDED" "$before_cold")"
    printf '  hot tile    %s %7.0f req/s (%s)   this tree %7.0f req/s   after/before %s\n' "$TB_BEFORE_REV" \
      "$before_hot" "$TB_BEFORE_HOT" "$TB_HOT_OURS" "$(tb_ratio "$TB_HOT_OURS" "$before_hot")"
  fi
  printf '\nlargest tile per zoom and level (uncompressed; budget %d bytes = 250 KB; OVER = tiles above it):\n' "$TB_BUDGET"
  tb_sizes_table
}

bench_tiles_cleanup() {
  tb_server_stop
  stop_pid "${SERVED_PID:-}" # a server that never got ready: tb_server_start had not kept its PID
  tb_nginx_stop
  [ -n "$TB_DIR" ] && rm -rf "$TB_DIR"
  TB_DIR=""
}

bench_tiles() {
  bench_tiles_packages
  TB_DIR="$(mktemp -d /tmp/atlas-bench-tiles.XXXXXX)"
  bench_tiles_prepare
  bench_tiles_baseline
  bench_tiles_before
  bench_tiles_cold embedded "$TB_WARMUP_SHORT"
  tb_server_stop
  if [ -f "${TB_AOT_CACHE:-}" ]; then # the cache ./atlas run makes, trained on this embedded store
    TB_JVM_OPTS="-XX:AOTCache=$TB_AOT_CACHE -Xlog:aot*=error" bench_tiles_cold embedded "$TB_WARMUP_SHORT"
    tb_server_stop
  fi
  bench_tiles_cold embedded
  bench_tiles_sizes
  bench_tiles_hot
  tb_server_stop
  bench_tiles_before
  bench_tiles_cold postgis "$TB_WARMUP_SHORT"
  tb_server_stop
  if [ -f "${TB_AOT_CACHE:-}" ]; then
    TB_JVM_OPTS="-XX:AOTCache=$TB_AOT_CACHE -Xlog:aot*=error" bench_tiles_cold postgis "$TB_WARMUP_SHORT"
    tb_server_stop
  fi
  bench_tiles_cold postgis
  tb_server_stop
  bench_tiles_report
}
