// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON of the bench reports and the CLI's {@code --json} documents, through
 * Jackson: writes Map/List/String/Number/Boolean/null trees (maps keep their
 * order) and parses them back for {@code kb report} and {@code kb plot}.
 *
 * <p>Doubles are written in Java's shortest round-trip form ({@code 4.0E-5},
 * {@code 1.0E300}), so a document read back holds the very same values;
 * NaN and infinities, which JSON has no literal for, become {@code null}.
 * Parsing is strict JSON (no {@code +5}, no trailing text): objects become
 * LinkedHashMap, arrays ArrayList, integers Long and other numbers Double.
 */
public final class Json {

    /** Writes NaN and ±Infinity as null (JSON has no literal for them). */
    private static final class FiniteOrNull extends StdSerializer<Number> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Number.class);
        }

        @Override
        public void serialize(Number n, JsonGenerator g, SerializerProvider p) throws IOException {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeNull();
            } else if (n instanceof Float f) {
                g.writeNumber(f);
            } else {
                g.writeNumber(d);
            }
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("finite-or-null")
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull())
                    .addSerializer(Float.class, new FiniteOrNull())
                    .addSerializer(Float.TYPE, new FiniteOrNull()))
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")))
            .build();

    private Json() {
    }

    /** The configured mapper, for callers that need Jackson itself. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Indented JSON of {@code value}, with a final newline (the files the bench writes). */
    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // a tree of maps, lists, strings, numbers and booleans always serializes
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of {@code value} on one line, without a newline (a --json document per line). */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON tree of {@code value} (a record, say) as maps, lists, strings, numbers and booleans: what
     * {@link #parse} would give for its text.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }

    /**
     * Parses JSON text.
     *
     * @param text   the document
     * @param source what it is, for the message (a file name, "kb_cycle's output")
     * @return a LinkedHashMap, ArrayList, String, Long, Double, Boolean or null
     * @throws InvalidJsonException if the text is not one complete JSON value
     */
    public static Object parse(String text, String source) throws InvalidJsonException {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw invalid(source, e);
        }
    }

    /** {@link #parse(String, String)} of a string that names no source. */
    public static Object parse(String text) throws InvalidJsonException {
        return parse(text, "JSON text");
    }

    /**
     * Reads a JSON file.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws InvalidJsonException              if it is not one complete JSON value
     */
    public static Object read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    private static InvalidJsonException invalid(String source, JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson's message may go on with a source excerpt or a second line: keep its first clause
        for (String cut : new String[] {"\n", " (start marker at", " at [Source"}) {
            int i = what.indexOf(cut);
            if (i > 0) {
                what = what.substring(0, i);
            }
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String truncated = what.startsWith("Unexpected end-of-input") ? " (truncated?)" : "";
        return new InvalidJsonException(source + ": not valid JSON" + where + ": " + what + truncated, e);
    }
}
