package fr.culture.atlas.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import fr.culture.atlas.TestData;
import org.junit.jupiter.api.Test;

class StyleCheckTest {

    @Test
    void everyShippedStylePasses() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(TestData.repo().resolve("styles")),
                Files.list(TestData.repo().resolve("styles/examples")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertEquals(List.of(), StyleCheck.problems(Files.readString(file).replace("{base}", "http://x")),
                        file.toString());
            }
        }
    }

    @Test
    void problemsNameWhereTheyAre() {
        List<String> problems = StyleCheck.problems("""
                {"version": 7, "sources": {"s": {"type": "vector"}},
                 "layers": [{"id": "a", "type": "fil", "source": "s"},
                            {"id": "a", "type": "line", "source": "t", "paint": {"fill-color": "red"}},
                            {"id": "b", "type": "symbol", "source": "s", "layout": {"text-field": "x"}}]}""");
        String all = String.join("\n", problems);
        assertTrue(all.contains("version: must be 8"), all);
        assertTrue(all.contains("sources.s: needs a TileJSON \"url\""), all);
        assertTrue(all.contains("layers[0] ('a').type"), all);
        assertTrue(all.contains("duplicate layer id 'a'"), all);
        assertTrue(all.contains("'t' is not in sources"), all);
        assertTrue(all.contains("'fill-color' is not a property of a line layer"), all);
        assertTrue(all.contains("source-layer"), all);
        assertTrue(all.contains("text-field needs a \"glyphs\""), all);
        assertTrue(StyleCheck.problems("{\"version\": 8,").getFirst().startsWith("not JSON"));
    }

    @Test
    void palettesHaveOneColourPerClassAndFlagColourBlindSafety() {
        for (String name : Palettes.names(List.of(Palettes.Type.values()))) {
            Palettes.Palette p = Palettes.get(name).orElseThrow();
            for (int n = 3; n <= p.maxClasses(); n++) {
                assertEquals(n, p.colours(n).size(), name + " " + n);
                assertTrue(p.colours(n).stream().allMatch(c -> c.matches("#[0-9a-f]{6}")), name);
            }
            assertEquals(2, p.colours(2).size());
        }
        assertEquals(9, Palettes.get("YlGnBu").orElseThrow().maxClasses());
        assertTrue(Palettes.get("Dark2").orElseThrow().colourBlindSafe(3));
        assertTrue(!Palettes.get("Dark2").orElseThrow().colourBlindSafe(4));
        assertTrue(Palettes.get("Spectral").isEmpty(), "not colour-blind safe, not offered");
    }
}
