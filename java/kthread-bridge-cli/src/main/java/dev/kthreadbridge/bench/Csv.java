// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV tables of the bench (RFC 4180, through jackson-dataformat-csv): a
 * header line, then one line a row; a field is quoted only when it holds a
 * comma, a quote or a line break, and a quote inside it is doubled.
 *
 * <p>Cells: numbers in full (a whole double as an integer, others in Java's
 * shortest round-trip form), booleans as true/false, a missing value empty.
 */
public final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private Csv() {
    }

    /**
     * The CSV text of {@code rows} under {@code columns}.
     *
     * @param columns the header, in order
     * @param rows    maps from column name to value; a key not in columns is left out, a column
     *                the map lacks is empty
     */
    public static String write(List<String> columns, List<? extends Map<String, ?>> rows) {
        CsvSchema schema = CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING)
                .setUseHeader(true).build();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, ?> r : rows) {
            List<String> line = new ArrayList<>(columns.size());
            for (String c : columns) {
                line.add(cell(r.get(c)));
            }
            cells.add(line);
        }
        try {
            return MAPPER.writer(schema).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            // lists of strings always serialize
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #write(List, List)} into {@code file}. */
    public static void write(Path file, List<String> columns, List<? extends Map<String, ?>> rows)
            throws IOException {
        Files.writeString(file, write(columns, rows));
    }

    /** One cell's text. */
    static String cell(Object o) {
        return switch (o) {
            case null -> "";
            case Double d when d.isNaN() || d.isInfinite() -> "";
            case Float f when f.isNaN() || f.isInfinite() -> "";
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> String.valueOf(d.longValue());
            case Float f when f == Math.rint(f) && Math.abs(f) < 1e7 -> String.valueOf(f.longValue());
            default -> o.toString();
        };
    }
}
