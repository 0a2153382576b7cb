package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.source.CellValue;
import fr.culture.atlas.source.ExcelTable;
import fr.culture.atlas.source.ExcelWorkbook;
import fr.culture.atlas.source.GeoJsonReader;
import fr.culture.atlas.source.SourceFeature;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.Venue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reads the venue families of {@code venues.yaml} and places each venue in a commune: the one
 * it declares if the point lies within the tolerance of it, else none (flagged: automatic
 * geocoding put some monuments in Québec); without a declared commune, the one containing it.
 * Flagged venues are reported, neither counted nor published.
 */
final class VenueReader {

    /** "[lat, lon]", latitude first, as the Deps venues base writes coordinates. */
    private static final Pattern LAT_LON = Pattern.compile("\\[\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*]");

    private final Path dataDir;
    private final ImportReport report;
    private final String level;
    private final TerritoryIndex index;
    private final Map<String, Territory> communes;
    private final STRtree communeTree = new STRtree();
    private final GeometryFactory factory;
    private final double tolerance;

    /**
     * @param communes        commune code → territory (EPSG:3857)
     * @param toleranceMetres distance from its declared commune beyond which a venue is flagged
     */
    /** @param level the level of {@code communes}, the one venues are placed in (venues.yaml, level) */
    VenueReader(Path dataDir, ImportReport report, TerritoryIndex index, String level, Map<String, Territory> communes,
                GeometryFactory factory, double toleranceMetres) {
        this.level = level;
        this.dataDir = dataDir;
        this.report = report;
        this.index = index;
        this.communes = communes;
        this.factory = factory;
        // Web Mercator stretches distances by 1/cos(latitude): about 1.45 over metropolitan France
        this.tolerance = toleranceMetres * 1.45;
        communes.values().forEach(t -> communeTree.insert(t.geometry().getEnvelopeInternal(), t));
        communeTree.build();
    }

    List<Venue> read(VenueCatalogue catalogue) throws IOException {
        List<Venue> venues = new ArrayList<>();
        for (VenueCatalogue.Family family : catalogue.families()) {
            Path file = dataDir.resolve(family.source());
            if (!Files.isRegularFile(file)) {
                report.error("missing-file", family.source(), null, null, null,
                        "venue family '" + family.id() + "' expects this file (venues.yaml)");
                continue;
            }
            int before = venues.size();
            if (family.excel()) {
                readExcel(family, file, venues);
            } else {
                readGeoJson(family, file, venues);
            }
            report.step("venues " + family.id(), Map.of("venues placed", venues.size() - before), 0);
        }
        return venues;
    }

    private void readExcel(VenueCatalogue.Family family, Path file, List<Venue> venues) {
        try (ExcelWorkbook workbook = ExcelWorkbook.open(file)) {
            Optional<ExcelTable> found = workbook.table(family.sheet(), 1);
            if (found.isEmpty()) {
                report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "missing-sheet", family.source(),
                        family.sheet(), null, null, null, "sheet not found; sheets: " + workbook.sheetNames()));
                return;
            }
            ExcelTable table = found.get();
            int coordinates = column(family, table, family.coordinates());
            int code = family.code() == null ? -1 : column(family, table, family.code());
            if (coordinates < 0 || (family.code() != null && code < 0)) {
                return;
            }
            for (int row = table.firstDataRow(); row <= table.lastRow(); row++) {
                if (table.blank(row)) {
                    continue;
                }
                String text = table.cell(row, coordinates).display();
                Matcher m = LAT_LON.matcher(text);
                if (!m.matches()) {
                    warn(family, row, family.coordinates(), text, "coordinates are not \"[lat, lon]\"; venue skipped");
                    continue;
                }
                Point point = point(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(1)));
                String declared = code < 0 ? null : table.cell(row, code).display();
                String commune = place(family, row, family.code(), declared, point);
                if (commune != null) {
                    int r = row;
                    venues.add(new Venue(venues.size() + 1L, family.id(), field(family.name(), table, r),
                            field(family.type(), table, r), field(family.discipline(), table, r),
                            family.labels().stream().map(l -> field(l, table, r)).filter(s -> !s.isEmpty()).toList(),
                            commune, point));
                }
            }
        }
    }

    private int column(VenueCatalogue.Family family, ExcelTable table, String header) {
        int column = table.column(header);
        if (column < 0) {
            report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "missing-column", family.source(),
                    table.sheetName(), table.headerRow(), header, null, "column not found; columns: " + table.headers()));
        }
        return column;
    }

    private static String field(String spec, ExcelTable table, int row) {
        if (spec == null) {
            return "";
        }
        String constant = VenueCatalogue.Family.constant(spec);
        return constant != null ? constant : table.cell(row, table.column(spec)).display();
    }

    private void readGeoJson(VenueCatalogue.Family family, Path file, List<Venue> venues) throws IOException {
        for (SourceFeature f : new GeoJsonReader(factory).readAll(file)) {
            if (!(f.geometry() instanceof Point p) || p.isEmpty()) {
                warn(family, f.index(), "geometry", null, "not a point; venue skipped");
                continue;
            }
            Point point = point(p.getX(), p.getY());
            String commune = place(family, f.index(), null, null, point);
            if (commune != null) {
                venues.add(new Venue(venues.size() + 1L, family.id(), property(family.name(), f),
                        property(family.type(), f), property(family.discipline(), f),
                        family.labels().stream().map(l -> property(l, f)).filter(s -> !s.isEmpty()).toList(),
                        commune, point));
            }
        }
    }

    private static String property(String spec, SourceFeature f) {
        if (spec == null) {
            return "";
        }
        String constant = VenueCatalogue.Family.constant(spec);
        if (constant != null) {
            return constant;
        }
        String value = f.text(spec);
        return value == null ? "" : value;
    }

    private Point point(double lon, double lat) {
        return factory.createPoint(new Coordinate(WebMercator.x(lon), WebMercator.y(lat)));
    }

    /**
     * The commune a venue is counted in, or null (reported). {@code declared} may list several
     * codes separated by ";" (a monument spanning communes).
     */
    private String place(VenueCatalogue.Family family, int row, String column, String declared, Point point) {
        if (declared == null) {
            Territory containing = containing(point);
            if (containing == null) {
                warn(family, row, "geometry", point.getX() + " " + point.getY(), "point in no commune; venue not counted");
                return null;
            }
            return containing.code();
        }
        double nearest = Double.MAX_VALUE;
        for (String part : declared.split(";")) {
            String code = part.strip();
            int width = index.codeWidth(level);
            if (code.matches("\\d+") && code.length() < width) {
                code = "0".repeat(width - code.length()) + code; // a code stored as a number lost its leading zeros
            }
            Optional<String> current = index.resolve(level, code).or(() -> index.alias(level, part.strip()));
            if (current.isEmpty()) {
                continue;
            }
            Territory commune = communes.get(current.get());
            double distance = commune.geometry().distance(point);
            if (distance <= tolerance) {
                return commune.code();
            }
            nearest = Math.min(nearest, distance);
        }
        if (nearest == Double.MAX_VALUE) {
            warn(family, row, column, declared, "unknown commune code; venue not counted");
        } else {
            warn(family, row, column, declared, String.format(java.util.Locale.ROOT,
                    "point %.0f km from its commune (geocoding error?); venue flagged, not counted", nearest / 1450));
        }
        return null;
    }

    private Territory containing(Point point) {
        for (Object candidate : communeTree.query(point.getEnvelopeInternal())) {
            Territory t = (Territory) candidate;
            if (t.geometry().covers(point)) {
                return t;
            }
        }
        return null;
    }

    private void warn(VenueCatalogue.Family family, int row, String column, String value, String message) {
        report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "flagged-venue", family.source(),
                family.sheet(), row, column, value, message));
    }
}
