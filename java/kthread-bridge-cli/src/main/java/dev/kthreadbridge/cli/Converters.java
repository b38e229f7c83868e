// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.Workload;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * picocli type converters for kb's options: each checks its value before any
 * command runs (and before the device is opened), and a bad value fails with
 * exit status 64 and one line naming the option and the form it takes.
 * Numbers are plain decimal digits: no sign where a sign makes no sense, no
 * {@code +5}, no {@code 0x10}.
 */
final class Converters {

    private Converters() {
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** The accepted form of a duration, for messages and help. */
    static final String DURATION_FORM = "a number and a unit (ns, us, ms, s, m, h), e.g. 500us, 10ms, 2s, 1m";
    /** The accepted form of a workload, for messages and help. */
    static final String WORKLOAD_FORM = "idle | exit:N | spin:DURATION | periodic:DURATION | wait";

    /** A whole number from {@code min} up to Integer.MAX_VALUE, digits only. */
    static int intAtLeast(String value, int min, String what) {
        String v = value.strip();
        if (!(min < 0 ? INTEGER : DIGITS).matcher(v).matches()) {
            throw new TypeConversionException("'" + value + "' is not " + what);
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n < min || n > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + value + "' is not " + what + " (" + min + " .. "
                    + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    /** A duration: {@link #DURATION_FORM}; whole nanoseconds. */
    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: " + DURATION_FORM);
        }
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2))));
        try {
            return Duration.ofNanos(ns.longValueExact());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a duration of whole nanoseconds up to "
                    + Long.MAX_VALUE + " ns");
        }
    }

    /** idle, wait, exit[:N], spin[:DURATION] or periodic[:DURATION] (DURATION 1ms if left out). */
    static Workload workload(String value) {
        String[] p = value.strip().split(":", 2);
        String arg = p.length > 1 ? p[1] : null;
        String kind = p[0].toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "idle" -> noArgument(kind, arg, Workload.idle());
                case "wait" -> noArgument(kind, arg, Workload.waitForSignal());
                case "exit" -> Workload.exit(arg == null ? 0
                        : intAtLeast(arg, Integer.MIN_VALUE, "an exit value (a whole number, e.g. exit:7)"));
                case "spin" -> Workload.spin(duration(arg == null ? "1ms" : arg));
                case "periodic" -> Workload.periodic(duration(arg == null ? "1ms" : arg));
                default -> throw new TypeConversionException("'" + value + "' is not a workload: " + WORKLOAD_FORM);
            };
        } catch (IllegalArgumentException e) {
            // the library's range checks: spin 1 ns .. 60 s, periodic 10 us .. 60 s
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    private static Workload noArgument(String kind, String arg, Workload w) {
        if (arg != null) {
            throw new TypeConversionException("'" + kind + ":" + arg + "': " + kind + " takes no argument ("
                    + WORKLOAD_FORM + ")");
        }
        return w;
    }

    /** --count, --iterations, PIDs ...: 1, 2, 3 ... */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return intAtLeast(value, 1, "a whole number >= 1");
        }
    }

    /** --cpu: 0, 1, 2 ... */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return intAtLeast(value, 0, "a whole number >= 0");
        }
    }

    /** --warmup-cycles: 0, 1, 2 ... up to Long.MAX_VALUE. */
    static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip();
            if (DIGITS.matcher(v).matches()) {
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    // more than 19 digits: as below
                }
            }
            throw new TypeConversionException("'" + value + "' is not a whole number >= 0 (0 .. "
                    + Long.MAX_VALUE + ")");
        }
    }

    /** --hold: {@link #DURATION_FORM}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** --settle, --warmup: a number of seconds (0, 0.5, 20) or a duration (500ms, 1m); not negative. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip();
            if (DECIMAL.matcher(v).matches()) {
                return duration(v + "s");
            }
            if (DURATION.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
                return duration(v);
            }
            throw new TypeConversionException("'" + value + "' is not a number of seconds (e.g. 0.5 or 20) or a"
                    + " duration (" + DURATION_FORM + ")");
        }
    }

    /** --files-duration: as {@link Seconds}, more than zero. */
    static final class PositiveSeconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = new Seconds().convert(value);
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' is not more than 0 seconds");
            }
            return d;
        }
    }

    /** --workload: {@link #WORKLOAD_FORM}. */
    static final class WorkloadConverter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            return workload(value);
        }
    }
}
