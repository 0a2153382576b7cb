package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept-Encoding as browsers, curl and proxies write it. */
class HttpCachingTest {

    @ParameterizedTest(name = "''{0}'' accepts {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "gzip, deflate, br, zstd | br   | true",
        "gzip, deflate, br, zstd | gzip | true",
        "gzip, deflate           | br   | false",
        "''                      | gzip | false",
        "GZIP                    | gzip | true",
        "br;q=0, gzip;q=0.8      | br   | false",
        "br;q=0, gzip;q=0.8      | gzip | true",
        "br ; q=0.000            | br   | false",
        "br;q=0.5                | br   | true",
        "*                       | br   | true",
        "*;q=0                   | gzip | false",
        "gzip;q=1, *;q=0         | br   | false",
        "*, br;q=0               | br   | false",
        "identity                | gzip | false",
        "xgzip, brotli           | br   | false",
        "xgzip, brotli           | gzip | false"})
    void acceptEncodingIsReadPerRfc9110(String header, String coding, boolean expected) {
        assertEquals(expected, HttpCaching.accepts(header, coding));
    }
}
