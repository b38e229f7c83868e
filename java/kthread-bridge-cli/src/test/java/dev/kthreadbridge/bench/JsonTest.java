// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: the bench JSON written and read back through Jackson. */
class JsonTest {

    @ParameterizedTest
    @ValueSource(doubles = {4e-5, 1e300, -1e-300, 0.1, 1.0 / 3, 123456.789, Double.MIN_VALUE, Double.MAX_VALUE,
            16.0, -0.0, 0.30000000000000004})
    void doublesRoundTripExactly(double d) throws Exception {
        Map<String, Object> m = Report.map(Json.parse(Json.write(Map.of("v", d, "l", List.of(d)))));
        assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits((Double) m.get("v")), Json.write(d));
        assertEquals(d, (Double) Report.list(m.get("l")).get(0));
    }

    @Test
    void smallDoublesAreNotRoundedAway() {
        // the hand-written writer printed %.4f: 4e-5 became 0.0000
        assertEquals("{\"x\":4.0E-5}", Json.compact(Map.of("x", 4e-5)));
    }

    @Test
    void nonFiniteNumbersBecomeNull() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("nan", Double.NaN);
        in.put("inf", Double.POSITIVE_INFINITY);
        in.put("float_nan", Float.NaN);
        in.put("list", Arrays.asList(1.5, Double.NEGATIVE_INFINITY));
        assertEquals("{\"nan\":null,\"inf\":null,\"float_nan\":null,\"list\":[1.5,null]}", Json.compact(in));
        Map<String, Object> back = Report.map(Json.parse(Json.write(in)));
        assertNull(back.get("nan"));
        assertTrue(back.containsKey("inf"));
    }

    @Test
    void treesKeepKeysOrderAndTypes() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("threads", 10L);
        row.put("leak", false);
        row.put("name", "say \"hi\"\n\tand \\ go, \u0001");
        row.put("big", Long.MAX_VALUE);
        row.put("none", null);
        List<Object> rows = new ArrayList<>(List.of(row));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("z_first", 1);
        root.put("a_second", rows);
        root.put("empty", Map.of());
        String text = Json.write(root);
        assertTrue(text.endsWith("}\n"), text);
        assertTrue(text.contains("\"z_first\": 1"), text);
        Map<String, Object> back = Report.map(Json.parse(text));
        assertEquals(List.of("z_first", "a_second", "empty"), List.copyOf(back.keySet()));
        Map<String, Object> r = Report.map(Report.list(back.get("a_second")).get(0));
        assertEquals(row, r);
        assertInstanceOf(Long.class, r.get("threads"));
        assertEquals(Boolean.FALSE, r.get("leak"));
        assertEquals(Map.of(), back.get("empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"system\": {\"kernel\": \"6.1\"", "{\"a\": [1, 2", "{\"a\": \"unterminated", "{\"a\":"})
    void aTruncatedDocumentSaysSo(String text) {
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> Json.parse(text, "bench.json"));
        assertTrue(e.getMessage().startsWith("bench.json: not valid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(truncated?)"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": +5}", "{\"a\": 1} trailing", "{\"a\": 1,}", "[01]", "{a: 1}", "", "NaN"})
    void malformedDocumentsAreRefused(String text) {
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> Json.parse(text, "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: not valid JSON"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
    }

    @Test
    void readNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bench.json");
        assertThrows(NoSuchFileException.class, () -> Json.read(f));
        Files.writeString(f, "{\"experiments\": [");
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> Json.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON at line 1"), e.getMessage());
        Files.writeString(f, "{\"experiments\": []}\n");
        assertEquals(Map.of("experiments", List.of()), Json.read(f));
    }
}
