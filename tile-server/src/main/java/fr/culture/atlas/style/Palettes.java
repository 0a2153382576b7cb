package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ColorBrewer palettes the generated styles may use: only the schemes that ColorBrewer flags
 * as colour-blind safe, with their hex colours for 3 to 9 classes (fewer for qualitative
 * schemes that stop earlier). Numbers copied from the {@code colorbrewer} npm package 1.7.0.
 *
 * <p>This product includes color specifications and designs developed by Cynthia Brewer
 * (http://colorbrewer.org/), under the Apache-style licence of the ColorBrewer colour schemes.
 */
public final class Palettes {

    /** What a palette is for. */
    public enum Type { SEQUENTIAL, DIVERGING, QUALITATIVE }

    /**
     * One scheme.
     *
     * @param safeUpTo the largest class count ColorBrewer flags colour-blind safe (9: all of them)
     */
    public record Palette(String name, Type type, int safeUpTo, Map<Integer, List<String>> colours) {

        public int maxClasses() {
            return colours.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /** The colours for {@code n} classes; below 3, the first of the 3-class colours, spread out. */
        public List<String> colours(int n) {
            if (n >= 3) {
                return colours.get(n);
            }
            List<String> three = colours.get(3);
            return switch (n) {
                case 1 -> List.of(three.get(type == Type.QUALITATIVE ? 0 : 2));
                case 2 -> type == Type.QUALITATIVE ? three.subList(0, 2) : List.of(three.get(0), three.get(2));
                default -> List.of();
            };
        }

        public boolean colourBlindSafe(int n) {
            return n <= safeUpTo;
        }
    }

    private static final Map<String, Palette> ALL = new LinkedHashMap<>();

    static {
        add("BuGn", Type.SEQUENTIAL, 9,
                "#e5f5f9 #99d8c9 #2ca25f",
                "#edf8fb #b2e2e2 #66c2a4 #238b45",
                "#edf8fb #b2e2e2 #66c2a4 #2ca25f #006d2c",
                "#edf8fb #ccece6 #99d8c9 #66c2a4 #2ca25f #006d2c",
                "#edf8fb #ccece6 #99d8c9 #66c2a4 #41ae76 #238b45 #005824",
                "#f7fcfd #e5f5f9 #ccece6 #99d8c9 #66c2a4 #41ae76 #238b45 #005824",
                "#f7fcfd #e5f5f9 #ccece6 #99d8c9 #66c2a4 #41ae76 #238b45 #006d2c #00441b");
        add("BuPu", Type.SEQUENTIAL, 9,
                "#e0ecf4 #9ebcda #8856a7",
                "#edf8fb #b3cde3 #8c96c6 #88419d",
                "#edf8fb #b3cde3 #8c96c6 #8856a7 #810f7c",
                "#edf8fb #bfd3e6 #9ebcda #8c96c6 #8856a7 #810f7c",
                "#edf8fb #bfd3e6 #9ebcda #8c96c6 #8c6bb1 #88419d #6e016b",
                "#f7fcfd #e0ecf4 #bfd3e6 #9ebcda #8c96c6 #8c6bb1 #88419d #6e016b",
                "#f7fcfd #e0ecf4 #bfd3e6 #9ebcda #8c96c6 #8c6bb1 #88419d #810f7c #4d004b");
        add("GnBu", Type.SEQUENTIAL, 9,
                "#e0f3db #a8ddb5 #43a2ca",
                "#f0f9e8 #bae4bc #7bccc4 #2b8cbe",
                "#f0f9e8 #bae4bc #7bccc4 #43a2ca #0868ac",
                "#f0f9e8 #ccebc5 #a8ddb5 #7bccc4 #43a2ca #0868ac",
                "#f0f9e8 #ccebc5 #a8ddb5 #7bccc4 #4eb3d3 #2b8cbe #08589e",
                "#f7fcf0 #e0f3db #ccebc5 #a8ddb5 #7bccc4 #4eb3d3 #2b8cbe #08589e",
                "#f7fcf0 #e0f3db #ccebc5 #a8ddb5 #7bccc4 #4eb3d3 #2b8cbe #0868ac #084081");
        add("OrRd", Type.SEQUENTIAL, 9,
                "#fee8c8 #fdbb84 #e34a33",
                "#fef0d9 #fdcc8a #fc8d59 #d7301f",
                "#fef0d9 #fdcc8a #fc8d59 #e34a33 #b30000",
                "#fef0d9 #fdd49e #fdbb84 #fc8d59 #e34a33 #b30000",
                "#fef0d9 #fdd49e #fdbb84 #fc8d59 #ef6548 #d7301f #990000",
                "#fff7ec #fee8c8 #fdd49e #fdbb84 #fc8d59 #ef6548 #d7301f #990000",
                "#fff7ec #fee8c8 #fdd49e #fdbb84 #fc8d59 #ef6548 #d7301f #b30000 #7f0000");
        add("PuBu", Type.SEQUENTIAL, 9,
                "#ece7f2 #a6bddb #2b8cbe",
                "#f1eef6 #bdc9e1 #74a9cf #0570b0",
                "#f1eef6 #bdc9e1 #74a9cf #2b8cbe #045a8d",
                "#f1eef6 #d0d1e6 #a6bddb #74a9cf #2b8cbe #045a8d",
                "#f1eef6 #d0d1e6 #a6bddb #74a9cf #3690c0 #0570b0 #034e7b",
                "#fff7fb #ece7f2 #d0d1e6 #a6bddb #74a9cf #3690c0 #0570b0 #034e7b",
                "#fff7fb #ece7f2 #d0d1e6 #a6bddb #74a9cf #3690c0 #0570b0 #045a8d #023858");
        add("PuBuGn", Type.SEQUENTIAL, 9,
                "#ece2f0 #a6bddb #1c9099",
                "#f6eff7 #bdc9e1 #67a9cf #02818a",
                "#f6eff7 #bdc9e1 #67a9cf #1c9099 #016c59",
                "#f6eff7 #d0d1e6 #a6bddb #67a9cf #1c9099 #016c59",
                "#f6eff7 #d0d1e6 #a6bddb #67a9cf #3690c0 #02818a #016450",
                "#fff7fb #ece2f0 #d0d1e6 #a6bddb #67a9cf #3690c0 #02818a #016450",
                "#fff7fb #ece2f0 #d0d1e6 #a6bddb #67a9cf #3690c0 #02818a #016c59 #014636");
        add("PuRd", Type.SEQUENTIAL, 9,
                "#e7e1ef #c994c7 #dd1c77",
                "#f1eef6 #d7b5d8 #df65b0 #ce1256",
                "#f1eef6 #d7b5d8 #df65b0 #dd1c77 #980043",
                "#f1eef6 #d4b9da #c994c7 #df65b0 #dd1c77 #980043",
                "#f1eef6 #d4b9da #c994c7 #df65b0 #e7298a #ce1256 #91003f",
                "#f7f4f9 #e7e1ef #d4b9da #c994c7 #df65b0 #e7298a #ce1256 #91003f",
                "#f7f4f9 #e7e1ef #d4b9da #c994c7 #df65b0 #e7298a #ce1256 #980043 #67001f");
        add("RdPu", Type.SEQUENTIAL, 9,
                "#fde0dd #fa9fb5 #c51b8a",
                "#feebe2 #fbb4b9 #f768a1 #ae017e",
                "#feebe2 #fbb4b9 #f768a1 #c51b8a #7a0177",
                "#feebe2 #fcc5c0 #fa9fb5 #f768a1 #c51b8a #7a0177",
                "#feebe2 #fcc5c0 #fa9fb5 #f768a1 #dd3497 #ae017e #7a0177",
                "#fff7f3 #fde0dd #fcc5c0 #fa9fb5 #f768a1 #dd3497 #ae017e #7a0177",
                "#fff7f3 #fde0dd #fcc5c0 #fa9fb5 #f768a1 #dd3497 #ae017e #7a0177 #49006a");
        add("YlGn", Type.SEQUENTIAL, 9,
                "#f7fcb9 #addd8e #31a354",
                "#ffffcc #c2e699 #78c679 #238443",
                "#ffffcc #c2e699 #78c679 #31a354 #006837",
                "#ffffcc #d9f0a3 #addd8e #78c679 #31a354 #006837",
                "#ffffcc #d9f0a3 #addd8e #78c679 #41ab5d #238443 #005a32",
                "#ffffe5 #f7fcb9 #d9f0a3 #addd8e #78c679 #41ab5d #238443 #005a32",
                "#ffffe5 #f7fcb9 #d9f0a3 #addd8e #78c679 #41ab5d #238443 #006837 #004529");
        add("YlGnBu", Type.SEQUENTIAL, 9,
                "#edf8b1 #7fcdbb #2c7fb8",
                "#ffffcc #a1dab4 #41b6c4 #225ea8",
                "#ffffcc #a1dab4 #41b6c4 #2c7fb8 #253494",
                "#ffffcc #c7e9b4 #7fcdbb #41b6c4 #2c7fb8 #253494",
                "#ffffcc #c7e9b4 #7fcdbb #41b6c4 #1d91c0 #225ea8 #0c2c84",
                "#ffffd9 #edf8b1 #c7e9b4 #7fcdbb #41b6c4 #1d91c0 #225ea8 #0c2c84",
                "#ffffd9 #edf8b1 #c7e9b4 #7fcdbb #41b6c4 #1d91c0 #225ea8 #253494 #081d58");
        add("YlOrBr", Type.SEQUENTIAL, 9,
                "#fff7bc #fec44f #d95f0e",
                "#ffffd4 #fed98e #fe9929 #cc4c02",
                "#ffffd4 #fed98e #fe9929 #d95f0e #993404",
                "#ffffd4 #fee391 #fec44f #fe9929 #d95f0e #993404",
                "#ffffd4 #fee391 #fec44f #fe9929 #ec7014 #cc4c02 #8c2d04",
                "#ffffe5 #fff7bc #fee391 #fec44f #fe9929 #ec7014 #cc4c02 #8c2d04",
                "#ffffe5 #fff7bc #fee391 #fec44f #fe9929 #ec7014 #cc4c02 #993404 #662506");
        add("YlOrRd", Type.SEQUENTIAL, 9,
                "#ffeda0 #feb24c #f03b20",
                "#ffffb2 #fecc5c #fd8d3c #e31a1c",
                "#ffffb2 #fecc5c #fd8d3c #f03b20 #bd0026",
                "#ffffb2 #fed976 #feb24c #fd8d3c #f03b20 #bd0026",
                "#ffffb2 #fed976 #feb24c #fd8d3c #fc4e2a #e31a1c #b10026",
                "#ffffcc #ffeda0 #fed976 #feb24c #fd8d3c #fc4e2a #e31a1c #b10026",
                "#ffffcc #ffeda0 #fed976 #feb24c #fd8d3c #fc4e2a #e31a1c #bd0026 #800026");
        add("Blues", Type.SEQUENTIAL, 9,
                "#deebf7 #9ecae1 #3182bd",
                "#eff3ff #bdd7e7 #6baed6 #2171b5",
                "#eff3ff #bdd7e7 #6baed6 #3182bd #08519c",
                "#eff3ff #c6dbef #9ecae1 #6baed6 #3182bd #08519c",
                "#eff3ff #c6dbef #9ecae1 #6baed6 #4292c6 #2171b5 #084594",
                "#f7fbff #deebf7 #c6dbef #9ecae1 #6baed6 #4292c6 #2171b5 #084594",
                "#f7fbff #deebf7 #c6dbef #9ecae1 #6baed6 #4292c6 #2171b5 #08519c #08306b");
        add("Greens", Type.SEQUENTIAL, 9,
                "#e5f5e0 #a1d99b #31a354",
                "#edf8e9 #bae4b3 #74c476 #238b45",
                "#edf8e9 #bae4b3 #74c476 #31a354 #006d2c",
                "#edf8e9 #c7e9c0 #a1d99b #74c476 #31a354 #006d2c",
                "#edf8e9 #c7e9c0 #a1d99b #74c476 #41ab5d #238b45 #005a32",
                "#f7fcf5 #e5f5e0 #c7e9c0 #a1d99b #74c476 #41ab5d #238b45 #005a32",
                "#f7fcf5 #e5f5e0 #c7e9c0 #a1d99b #74c476 #41ab5d #238b45 #006d2c #00441b");
        add("Greys", Type.SEQUENTIAL, 9,
                "#f0f0f0 #bdbdbd #636363",
                "#f7f7f7 #cccccc #969696 #525252",
                "#f7f7f7 #cccccc #969696 #636363 #252525",
                "#f7f7f7 #d9d9d9 #bdbdbd #969696 #636363 #252525",
                "#f7f7f7 #d9d9d9 #bdbdbd #969696 #737373 #525252 #252525",
                "#ffffff #f0f0f0 #d9d9d9 #bdbdbd #969696 #737373 #525252 #252525",
                "#ffffff #f0f0f0 #d9d9d9 #bdbdbd #969696 #737373 #525252 #252525 #000000");
        add("Oranges", Type.SEQUENTIAL, 9,
                "#fee6ce #fdae6b #e6550d",
                "#feedde #fdbe85 #fd8d3c #d94701",
                "#feedde #fdbe85 #fd8d3c #e6550d #a63603",
                "#feedde #fdd0a2 #fdae6b #fd8d3c #e6550d #a63603",
                "#feedde #fdd0a2 #fdae6b #fd8d3c #f16913 #d94801 #8c2d04",
                "#fff5eb #fee6ce #fdd0a2 #fdae6b #fd8d3c #f16913 #d94801 #8c2d04",
                "#fff5eb #fee6ce #fdd0a2 #fdae6b #fd8d3c #f16913 #d94801 #a63603 #7f2704");
        add("Purples", Type.SEQUENTIAL, 9,
                "#efedf5 #bcbddc #756bb1",
                "#f2f0f7 #cbc9e2 #9e9ac8 #6a51a3",
                "#f2f0f7 #cbc9e2 #9e9ac8 #756bb1 #54278f",
                "#f2f0f7 #dadaeb #bcbddc #9e9ac8 #756bb1 #54278f",
                "#f2f0f7 #dadaeb #bcbddc #9e9ac8 #807dba #6a51a3 #4a1486",
                "#fcfbfd #efedf5 #dadaeb #bcbddc #9e9ac8 #807dba #6a51a3 #4a1486",
                "#fcfbfd #efedf5 #dadaeb #bcbddc #9e9ac8 #807dba #6a51a3 #54278f #3f007d");
        add("Reds", Type.SEQUENTIAL, 9,
                "#fee0d2 #fc9272 #de2d26",
                "#fee5d9 #fcae91 #fb6a4a #cb181d",
                "#fee5d9 #fcae91 #fb6a4a #de2d26 #a50f15",
                "#fee5d9 #fcbba1 #fc9272 #fb6a4a #de2d26 #a50f15",
                "#fee5d9 #fcbba1 #fc9272 #fb6a4a #ef3b2c #cb181d #99000d",
                "#fff5f0 #fee0d2 #fcbba1 #fc9272 #fb6a4a #ef3b2c #cb181d #99000d",
                "#fff5f0 #fee0d2 #fcbba1 #fc9272 #fb6a4a #ef3b2c #cb181d #a50f15 #67000d");
        add("BrBG", Type.DIVERGING, 9,
                "#d8b365 #f5f5f5 #5ab4ac",
                "#a6611a #dfc27d #80cdc1 #018571",
                "#a6611a #dfc27d #f5f5f5 #80cdc1 #018571",
                "#8c510a #d8b365 #f6e8c3 #c7eae5 #5ab4ac #01665e",
                "#8c510a #d8b365 #f6e8c3 #f5f5f5 #c7eae5 #5ab4ac #01665e",
                "#8c510a #bf812d #dfc27d #f6e8c3 #c7eae5 #80cdc1 #35978f #01665e",
                "#8c510a #bf812d #dfc27d #f6e8c3 #f5f5f5 #c7eae5 #80cdc1 #35978f #01665e");
        add("PiYG", Type.DIVERGING, 9,
                "#e9a3c9 #f7f7f7 #a1d76a",
                "#d01c8b #f1b6da #b8e186 #4dac26",
                "#d01c8b #f1b6da #f7f7f7 #b8e186 #4dac26",
                "#c51b7d #e9a3c9 #fde0ef #e6f5d0 #a1d76a #4d9221",
                "#c51b7d #e9a3c9 #fde0ef #f7f7f7 #e6f5d0 #a1d76a #4d9221",
                "#c51b7d #de77ae #f1b6da #fde0ef #e6f5d0 #b8e186 #7fbc41 #4d9221",
                "#c51b7d #de77ae #f1b6da #fde0ef #f7f7f7 #e6f5d0 #b8e186 #7fbc41 #4d9221");
        add("PRGn", Type.DIVERGING, 9,
                "#af8dc3 #f7f7f7 #7fbf7b",
                "#7b3294 #c2a5cf #a6dba0 #008837",
                "#7b3294 #c2a5cf #f7f7f7 #a6dba0 #008837",
                "#762a83 #af8dc3 #e7d4e8 #d9f0d3 #7fbf7b #1b7837",
                "#762a83 #af8dc3 #e7d4e8 #f7f7f7 #d9f0d3 #7fbf7b #1b7837",
                "#762a83 #9970ab #c2a5cf #e7d4e8 #d9f0d3 #a6dba0 #5aae61 #1b7837",
                "#762a83 #9970ab #c2a5cf #e7d4e8 #f7f7f7 #d9f0d3 #a6dba0 #5aae61 #1b7837");
        add("PuOr", Type.DIVERGING, 9,
                "#f1a340 #f7f7f7 #998ec3",
                "#e66101 #fdb863 #b2abd2 #5e3c99",
                "#e66101 #fdb863 #f7f7f7 #b2abd2 #5e3c99",
                "#b35806 #f1a340 #fee0b6 #d8daeb #998ec3 #542788",
                "#b35806 #f1a340 #fee0b6 #f7f7f7 #d8daeb #998ec3 #542788",
                "#b35806 #e08214 #fdb863 #fee0b6 #d8daeb #b2abd2 #8073ac #542788",
                "#b35806 #e08214 #fdb863 #fee0b6 #f7f7f7 #d8daeb #b2abd2 #8073ac #542788");
        add("RdBu", Type.DIVERGING, 9,
                "#ef8a62 #f7f7f7 #67a9cf",
                "#ca0020 #f4a582 #92c5de #0571b0",
                "#ca0020 #f4a582 #f7f7f7 #92c5de #0571b0",
                "#b2182b #ef8a62 #fddbc7 #d1e5f0 #67a9cf #2166ac",
                "#b2182b #ef8a62 #fddbc7 #f7f7f7 #d1e5f0 #67a9cf #2166ac",
                "#b2182b #d6604d #f4a582 #fddbc7 #d1e5f0 #92c5de #4393c3 #2166ac",
                "#b2182b #d6604d #f4a582 #fddbc7 #f7f7f7 #d1e5f0 #92c5de #4393c3 #2166ac");
        add("RdYlBu", Type.DIVERGING, 9,
                "#fc8d59 #ffffbf #91bfdb",
                "#d7191c #fdae61 #abd9e9 #2c7bb6",
                "#d7191c #fdae61 #ffffbf #abd9e9 #2c7bb6",
                "#d73027 #fc8d59 #fee090 #e0f3f8 #91bfdb #4575b4",
                "#d73027 #fc8d59 #fee090 #ffffbf #e0f3f8 #91bfdb #4575b4",
                "#d73027 #f46d43 #fdae61 #fee090 #e0f3f8 #abd9e9 #74add1 #4575b4",
                "#d73027 #f46d43 #fdae61 #fee090 #ffffbf #e0f3f8 #abd9e9 #74add1 #4575b4");
        add("Dark2", Type.QUALITATIVE, 3,
                "#1b9e77 #d95f02 #7570b3",
                "#1b9e77 #d95f02 #7570b3 #e7298a",
                "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e",
                "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02",
                "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02 #a6761d",
                "#1b9e77 #d95f02 #7570b3 #e7298a #66a61e #e6ab02 #a6761d #666666");
        add("Set2", Type.QUALITATIVE, 3,
                "#66c2a5 #fc8d62 #8da0cb",
                "#66c2a5 #fc8d62 #8da0cb #e78ac3",
                "#66c2a5 #fc8d62 #8da0cb #e78ac3 #a6d854",
                "#66c2a5 #fc8d62 #8da0cb #e78ac3 #a6d854 #ffd92f",
                "#66c2a5 #fc8d62 #8da0cb #e78ac3 #a6d854 #ffd92f #e5c494",
                "#66c2a5 #fc8d62 #8da0cb #e78ac3 #a6d854 #ffd92f #e5c494 #b3b3b3");
        add("Paired", Type.QUALITATIVE, 4,
                "#a6cee3 #1f78b4 #b2df8a",
                "#a6cee3 #1f78b4 #b2df8a #33a02c",
                "#a6cee3 #1f78b4 #b2df8a #33a02c #fb9a99",
                "#a6cee3 #1f78b4 #b2df8a #33a02c #fb9a99 #e31a1c",
                "#a6cee3 #1f78b4 #b2df8a #33a02c #fb9a99 #e31a1c #fdbf6f",
                "#a6cee3 #1f78b4 #b2df8a #33a02c #fb9a99 #e31a1c #fdbf6f #ff7f00",
                "#a6cee3 #1f78b4 #b2df8a #33a02c #fb9a99 #e31a1c #fdbf6f #ff7f00 #cab2d6");
    }

    private Palettes() {
    }

    private static void add(String name, Type type, int safeUpTo, String... rows) {
        Map<Integer, List<String>> colours = new LinkedHashMap<>();
        for (String row : rows) {
            List<String> hex = Arrays.asList(row.split(" "));
            colours.put(hex.size(), List.copyOf(hex));
        }
        ALL.put(name, new Palette(name, type, safeUpTo, Map.copyOf(colours)));
    }

    public static Optional<Palette> get(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Names of the palettes of these types, in ColorBrewer's order. */
    public static List<String> names(List<Type> types) {
        List<String> names = new ArrayList<>();
        ALL.values().stream().filter(p -> types.contains(p.type())).forEach(p -> names.add(p.name()));
        return names;
    }
}
