// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Host-only: the CSV tables are RFC 4180, whatever the names hold. */
class CsvTest {

    private static List<List<String>> readBack(String text) throws Exception {
        try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(text)) {
            return it.readAll().stream().map(Arrays::asList).toList();
        }
    }

    @Test
    void aFieldWithACommaAndAQuoteIsQuotedAndReadsBack() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "wake, then \"stop\"");
        row.put("n", 3L);
        String text = Csv.write(List.of("name", "n"), List.of(row));
        assertEquals("name,n\n\"wake, then \"\"stop\"\"\",3\n", text);
        assertEquals(List.of(List.of("name", "n"), List.of("wake, then \"stop\"", "3")), readBack(text));
    }

    @Test
    void plainFieldsStayUnquoted() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("series", "kernel create (kthread_create)");
        row.put("kernel", "6.1.0-56-amd64");
        assertEquals("series,kernel\nkernel create (kthread_create),6.1.0-56-amd64\n",
                Csv.write(List.of("series", "kernel"), List.of(row)));
    }

    @Test
    void cellsHoldNumbersInFullAndMissingValuesEmpty() {
        assertEquals("", Csv.cell(null));
        assertEquals("", Csv.cell(Double.NaN));
        assertEquals("16", Csv.cell(16.0));
        assertEquals("4.0E-5", Csv.cell(4e-5));
        assertEquals("16.384", Csv.cell(16.384));
        assertEquals("1.0E300", Csv.cell(1e300));
        assertEquals("123456789012", Csv.cell(123456789012L));
        assertEquals("false", Csv.cell(false));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("a", 1L);
        assertEquals("a,b\n1,\n", Csv.write(List.of("a", "b"), List.of(row)));
    }

    @Test
    void benchTablesQuoteSeriesNamesAndKernelStrings(@TempDir Path dir) throws Exception {
        Map<String, Object> root = Report.map(Json.parse("""
                {"system": {"kernel": "6.1, \\"custom\\"", "accelerator": "TCG"},
                 "experiments": [
                   {"experiment": "wakeup", "series": [{"name": "wake->entry [idle, cpu 0]", "count": 20,
                     "min_ns": 1000, "p50_ns": 1500, "p90_ns": 2000, "p99_ns": 2500, "p99.9_ns": 2600,
                     "max_ns": 3000, "mean_ns": 1550}], "rows": []},
                   {"experiment": "scale", "series": [],
                    "rows": [{"threads": 1, "slab_kib_per_thread": 4.0E-5, "leak": false},
                             {"threads": 10, "slab_kib_per_thread": 2.5, "leak": false, "note": "a, b"}]}]}
                """));
        Report.writeCsv(dir, root);
        List<List<String>> lat = readBack(Files.readString(dir.resolve("latency.csv")));
        assertEquals(Report.LATENCY_COLUMNS, lat.get(0));
        assertEquals(List.of("6.1, \"custom\"", "TCG", "wakeup", "wake->entry [idle, cpu 0]", "20", "1000", "1500",
                "2000", "2500", "2600", "3000", "1550"), lat.get(1));
        List<List<String>> scale = readBack(Files.readString(dir.resolve("scale.csv")));
        assertEquals(List.of(
                List.of("kernel", "accelerator", "threads", "slab_kib_per_thread", "leak", "note"),
                List.of("6.1, \"custom\"", "TCG", "1", "4.0E-5", "false", ""),
                List.of("6.1, \"custom\"", "TCG", "10", "2.5", "false", "a, b")), scale);
    }
}
