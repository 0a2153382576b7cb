package fr.culture.atlas.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.style.BivariateStyle;
import fr.culture.atlas.style.ChoroplethStyle;
import fr.culture.atlas.style.Palettes;
import fr.culture.atlas.style.StyleCheck;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.tile.Layouts;
import fr.culture.atlas.tile.Tilesets;
import fr.culture.atlas.view.Crossing;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * MapLibre styles: the files of {@code styles/} (and {@code styles/examples/}) at
 * {@code /styles/{id}.json}, with the {@code {base}} placeholder replaced by this server's public
 * URL, and a generated choropleth of any indicator at {@code /styles/choropleth/{indicator}.json}.
 *
 * <p>A file is checked ({@link StyleCheck}) whenever its modification time or size changes. An
 * edit that fails the check is refused: the last valid version keeps serving, with a
 * {@code Warning} header, and {@code /styles/} lists the file's problems.
 */
public final class StyleService implements HttpService {

    private static final Logger LOG = Logger.getLogger(StyleService.class.getName());
    /** A style id is a file name stem; nothing else reaches the file system. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String EXAMPLES = "examples";
    private static final int MAX_ZOOM = 22;

    /** What was last read of one file: its stamp, the last valid text (or null) and the problems of the current one. */
    private record Entry(FileTime modified, long size, String valid, List<String> problems) {
    }

    private final Path dir;
    private final PublicUrl publicUrl;
    private final Store store;
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final Layouts layouts;

    public StyleService(Path dir, PublicUrl publicUrl, Store store, Layouts layouts) {
        this.dir = dir;
        this.publicUrl = publicUrl;
        this.store = store;
        this.layouts = layouts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .get("/choropleth/{file}", this::choropleth)
             .get("/bivariate/{x}/{file}", this::bivariate)
             .get("/" + EXAMPLES + "/{file}", (req, res) -> style(req, res, EXAMPLES + "/"))
             .get("/{file}", (req, res) -> style(req, res, ""));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> ids = ids();
        json.put("styles", ids);
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String id : ids) {
            Entry entry = entry(id);
            if (entry != null && !entry.problems().isEmpty()) {
                invalid.add(Map.of("id", id, "file", "styles/" + id + ".json", "serving",
                        entry.valid() == null ? "nothing" : "the last valid version", "problems", entry.problems()));
            }
        }
        json.put("invalid", invalid);
        json.put("choropleth", "/styles/choropleth/{indicator}.json?level=&method=&classes=&palette=");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        Json.send(req, res, json);
    }

    private void style(ServerRequest req, ServerResponse res, String folder) {
        String file = req.path().pathParameters().get("file");
        String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        String id = folder + stem;
        if (!ID.matcher(stem).matches() || !ids().contains(id)) {
            throw Problem.notFound("Unknown style '" + folder + file + "'; known: " + ids(), "known", ids());
        }
        Entry entry = entry(id);
        if (entry == null || entry.valid() == null) {
            throw new Problem(Status.UNPROCESSABLE_CONTENT_422, "styles/" + id + ".json is not a valid style: "
                    + String.join("; ", entry == null ? List.of("unreadable") : entry.problems()),
                    Map.of("problems", entry == null ? List.of("unreadable") : entry.problems()));
        }
        if (!entry.problems().isEmpty()) {
            // header values are ASCII: the details are at /styles/
            res.header(HeaderNames.WARNING, "199 atlas \"styles/" + id + ".json has an invalid edit ("
                    + entry.problems().size() + " problems, listed at /styles/); serving its last valid version\"");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        HttpCaching.sendText(req, res, entry.valid().replace("{base}", publicUrl.of(req, res))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The file's entry, read and checked again when it changed on disk; null if it cannot be read. */
    private Entry entry(String id) {
        Path path = dir.resolve(id + ".json");
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Entry old = files.get(id);
            if (old != null && old.modified().equals(modified) && old.size() == size) {
                return old;
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            // the placeholder is checked as the URL the server writes in its place
            List<String> problems = StyleCheck.problems(text.replace("{base}", "http://localhost"));
            Entry entry = problems.isEmpty() ? new Entry(modified, size, text, List.of())
                    : new Entry(modified, size, old == null ? null : old.valid(), problems);
            if (!problems.isEmpty()) {
                LOG.warning("styles/" + id + ".json is invalid, " + (old == null || old.valid() == null
                        ? "not served" : "serving its last valid version") + ": " + String.join("; ", problems));
            }
            files.put(id, entry);
            return entry;
        } catch (IOException e) {
            LOG.warning("Cannot read " + path + ": " + e);
            return files.get(id);
        }
    }

    /** Ids of the style files directly in the styles directory, then those of styles/examples as "examples/…". */
    private List<String> ids() {
        List<String> ids = new ArrayList<>(stems(dir, ""));
        ids.addAll(stems(dir.resolve(EXAMPLES), EXAMPLES + "/"));
        return ids;
    }

    private static List<String> stems(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .filter(n -> ID.matcher(n).matches())
                    .sorted()
                    .map(n -> prefix + n)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code /styles/choropleth/{indicator}.json?level=&method=&classes=&palette=}: without a
     * level, one band of layers per level the tiles carry, over the zooms where they carry it.
     */
    private void choropleth(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        Snapshot snapshot = Params.snapshot(store);
        List<String> known = snapshot.indicators().definitions().stream().map(IndicatorDef::id).toList();
        if (!file.endsWith(".json")) {
            throw Problem.notFound("No resource at " + req.path().absolute().rawPath()
                    + "; choropleth styles are /styles/choropleth/{indicator}.json", "known", known);
        }
        String name = file.substring(0, file.length() - 5);
        IndicatorData indicator = Params.indicator(snapshot, name, "");
        IndicatorDef def = indicator.def();
        boolean forced = req.query().first("level").isPresent();
        String level = forced ? Params.level(def, req) : null;
        Breaks.Method method = Params.method(req);
        int classes = Params.classes(req);
        Palettes.Palette palette = Params.palette(def, req);
        Views views = Views.of(snapshot);
        List<ChoroplethStyle.Band> bands = new ArrayList<>();
        if (forced) {
            bands.add(band(def, level, 0, -1, views, method, classes));
        } else {
            int start = 0;
            String current = Tilesets.levelAt(snapshot.catalogue(), def, 0).orElseThrow();
            for (int z = 1; z <= MAX_ZOOM + 1; z++) {
                String at = z <= MAX_ZOOM ? Tilesets.levelAt(snapshot.catalogue(), def, z).orElseThrow() : null;
                if (!current.equals(at)) {
                    bands.add(band(def, current, start, at == null ? -1 : z, views, method, classes));
                    start = z;
                    current = at;
                }
            }
        }
        String base = publicUrl.of(req, res);
        String layoutId = Params.layout(snapshot, req);
        Layout layout = layoutId == null ? null : layouts.get(snapshot, layoutId).orElseThrow();
        String view = layoutId == null ? "" : "layout=" + URLEncoder.encode(layoutId, StandardCharsets.UTF_8);
        // the TileJSON of this version: the classes above were computed on its values
        String url = base + "/tiles/" + def.id() + ".json?" + TileJson.versionQuery(snapshot)
                + (forced ? "&level=" + URLEncoder.encode(level, StandardCharsets.UTF_8) : "")
                + (view.isEmpty() ? "" : "&" + view);
        Map<String, Object> style = ChoroplethStyle.of(def, bands, palette, url, TileJson.ATTRIBUTION,
                base + "/fonts/{fontstack}/{range}.pbf", symbols(def, req), layout);
        HttpCaching.shortLived(res);
        Json.send(req, res, style);
    }

    /**
     * {@code /styles/bivariate/{x}/{y}.json?level=&layout=}: the 3 × 3 bivariate choropleth of
     * two numeric indicators at one level (by default the first level both have), drawn from x's
     * tiles with y's values added ({@code ?indicators=}); 400 in French as {@code /api/cross}.
     */
    private void bivariate(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        if (!file.endsWith(".json")) {
            throw Problem.notFound("No resource at " + req.path().absolute().rawPath()
                    + "; bivariate styles are /styles/bivariate/{x}/{y}.json", "example",
                    "/styles/bivariate/depenses_communes_par_habitant/bibliotheques_pour_10000_hab.json");
        }
        Snapshot snapshot = Params.snapshot(store);
        IndicatorDef x = Params.crossable(snapshot, req.path().pathParameters().get("x"), "x");
        IndicatorDef y = Params.crossable(snapshot, file.substring(0, file.length() - 5), "y");
        String level = Params.crossedLevel(snapshot, x, y, req);
        Views views = Views.of(snapshot);
        BivariateStyle.Axis ax = new BivariateStyle.Axis(x, views.breaks(x.id(), level, Breaks.Method.QUANTILE, 3));
        BivariateStyle.Axis ay = new BivariateStyle.Axis(y, views.breaks(y.id(), level, Breaks.Method.QUANTILE, 3));
        Crossing crossing = Params.crossing(views, x, y, level);
        int[][] counts = new int[3][3];
        crossing.points().forEach(p -> counts[ay.third(p.y())][ax.third(p.x())]++);
        String base = publicUrl.of(req, res);
        String layoutId = Params.layout(snapshot, req);
        Layout layout = layoutId == null ? null : layouts.get(snapshot, layoutId).orElseThrow();
        String url = base + "/tiles/" + x.id() + ".json?" + TileJson.versionQuery(snapshot)
                + "&level=" + URLEncoder.encode(level, StandardCharsets.UTF_8)
                + "&indicators=" + URLEncoder.encode(y.id(), StandardCharsets.UTF_8)
                + (layoutId == null ? "" : "&layout=" + URLEncoder.encode(layoutId, StandardCharsets.UTF_8));
        ChoroplethStyle.Band band = band(x, level, 0, -1, views, Breaks.Method.QUANTILE, 3);
        Map<String, Object> style = BivariateStyle.of(ax, ay, band, counts, crossing.points().size(), url,
                TileJson.ATTRIBUTION, base + "/fonts/{fontstack}/{range}.pbf", layout);
        HttpCaching.shortLived(res);
        Json.send(req, res, style);
    }

    private ChoroplethStyle.Band band(IndicatorDef def, String level, int min, int max, Views views,
                                      Breaks.Method method, int classes) {
        String label = views.snapshot().catalogue().level(level).map(LevelDef::label).orElse(level);
        Breaks breaks = def.kind().numeric() ? views.breaks(def.id(), level, method, classes) : null;
        return new ChoroplethStyle.Band(level, label, min, max, breaks, views.rows(def.id(), level).size(),
                views.missing(def.id(), level), def.kind().numeric() ? Map.of() : views.categoryCounts(def.id(), level));
    }

    /**
     * The ?type= of the request: {@code symbols} (proportional circles, the default for counts and
     * amounts, which a choropleth would show as big because their territory is big) or
     * {@code choropleth} (the default for rates and shares, the only one for categories).
     */
    private static boolean symbols(IndicatorDef def, ServerRequest req) {
        String type = req.query().first("type").orElse(def.kind().stock() ? "symbols" : "choropleth");
        List<String> valid = def.kind().numeric() ? List.of("symbols", "choropleth") : List.of("choropleth");
        if (!valid.contains(type)) {
            throw new Problem(Status.BAD_REQUEST_400, "Unsupported type '" + type + "' for indicator '" + def.id()
                    + "'; types: " + String.join(", ", valid), Map.of("types", valid));
        }
        return type.equals("symbols");
    }
}
