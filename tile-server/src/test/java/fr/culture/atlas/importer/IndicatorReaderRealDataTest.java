package fr.culture.atlas.importer;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Indicators;
import org.junit.jupiter.api.Test;

class IndicatorReaderRealDataTest {
    @Test
    void probe() throws Exception {
        ReferenceIndex index = ReferenceIndex.load(TestData.dataDir());
        Indicators catalogue = Indicators.load(TestData.configDir());
        ImportReport report = new ImportReport();
        long t = System.nanoTime();
        IndicatorImport result = new IndicatorReader(TestData.dataDir(), index, report).read(catalogue);
        System.out.println("TOTAL ms " + (System.nanoTime() - t) / 1_000_000);
        result.files().forEach(System.out::println);
        System.out.println(report.summary());
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        report.entries().forEach(e -> byKind.merge(e.kind() + " " + e.file(), 1L, Long::sum));
        byKind.forEach((k, v) -> System.out.println(v + "  " + k));
        for (var d : result.indicators()) {
            var c = d.values().get("commune");
            System.out.println("VAL " + d.def().id() + " " + d.values().keySet() + " year=" + d.year() + " src=" + d.source()
                + " 75056=" + (c == null ? null : c.get("75056")) + " 13055=" + (c == null ? null : c.get("13055"))
                + " r44=" + (d.values().get("region") == null ? null : d.values().get("region").get("44"))
                + " d01=" + (d.values().get("departement") == null ? null : d.values().get("departement").get("01"))
                + " d971=" + (d.values().get("departement") == null ? null : d.values().get("departement").get("971"))
                + " r01=" + (d.values().get("region") == null ? null : d.values().get("region").get("01")));
            if (d.def().id().equals("action_coeur_de_ville")) {
                System.out.println("ACV true " + c.values().stream().filter(Boolean.TRUE::equals).count() + " e.g. " + c.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).limit(5).toList());
            }
        }
    }
}
