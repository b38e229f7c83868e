// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.cli;

import dev.kthreadbridge.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-only: the option values kb accepts, and the one-line usage errors for the others. */
class ConvertersTest {

    @ParameterizedTest
    @CsvSource({"500us, 500000", "10ms, 10000000", "2s, 2000000000", "1m, 60000000000", "1h, 3600000000000",
            "1ns, 1", "1.5ms, 1500000", "0s, 0", "250µs, 250000", "10MS, 10000000", "' 3s ', 3000000000"})
    void durations(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), new Converters.DurationConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-5ms", "+5ms", "5 ms", "ms", "1.5ns", "1e3ms", "5d", "0x10s", "", ".5s",
            "99999999999999999999s"})
    void badDurations(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new Converters.DurationConverter().convert(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a duration"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0.5, 500000000", "20, 20000000000", "500ms, 500000000", "1m, 60000000000"})
    void seconds(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), new Converters.Seconds().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "x", "1e3", "NaN", "Infinity", "-0.5"})
    void badSeconds(String text) {
        assertThrows(TypeConversionException.class, () -> new Converters.Seconds().convert(text));
    }

    @Test
    void positiveSecondsRefuseZero() {
        Converters.PositiveSeconds c = new Converters.PositiveSeconds();
        assertEquals(Duration.ofMillis(250), c.convert("0.25"));
        assertEquals(Duration.ofMillis(100), c.convert("100ms"));
        for (String zero : new String[] {"0", "0.0", "0ms"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> c.convert(zero));
            assertEquals("'" + zero + "' is not more than 0 seconds", e.getMessage());
        }
        assertThrows(TypeConversionException.class, () -> c.convert("-1"));
    }

    @Test
    void workloads() {
        Converters.WorkloadConverter c = new Converters.WorkloadConverter();
        assertEquals(Workload.idle(), c.convert("idle"));
        assertEquals(Workload.waitForSignal(), c.convert("WAIT"));
        assertEquals(Workload.exit(0), c.convert("exit"));
        assertEquals(Workload.exit(7), c.convert("exit:7"));
        assertEquals(Workload.exit(-4), c.convert("exit:-4"));
        assertEquals(Workload.spin(Duration.ofMillis(1)), c.convert("spin"));
        assertEquals(Workload.spin(Duration.ofMillis(200)), c.convert("spin:200ms"));
        assertEquals(Workload.periodic(Duration.ofMillis(5)), c.convert("periodic:5ms"));
        assertEquals(Workload.periodic(Duration.ofMillis(1)), c.convert("periodic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "idle:3", "wait:1s", "exit:x", "exit:+5", "exit:99999999999", "spin:5",
            "spin:90s", "periodic:1us", "periodic:2m", "", ":"})
    void badWorkloads(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new Converters.WorkloadConverter().convert(text));
        assertTrue(e.getMessage().startsWith("'"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
    }

    @Test
    void outOfRangeWorkloadsSayTheRange() {
        String m = assertThrows(TypeConversionException.class,
                () -> Converters.workload("periodic:1us")).getMessage();
        assertTrue(m.contains("10 us"), m);
        m = assertThrows(TypeConversionException.class, () -> Converters.workload("spin:61s")).getMessage();
        assertTrue(m.contains("60 s"), m);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "42, 42", "2147483647, 2147483647", "007, 7"})
    void positiveInts(String text, int value) {
        assertEquals(value, new Converters.PositiveInt().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+5", "x", "1.0", "2147483648", "1e3", "0x10", ""})
    void badPositiveInts(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> new Converters.PositiveInt().convert(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a whole number >= 1"), e.getMessage());
    }

    @Test
    void nonNegativeNumbers() {
        assertEquals(0, new Converters.NonNegativeInt().convert("0"));
        assertThrows(TypeConversionException.class, () -> new Converters.NonNegativeInt().convert("-1"));
        assertEquals(0L, new Converters.NonNegativeLong().convert("0"));
        assertEquals(Long.MAX_VALUE, new Converters.NonNegativeLong().convert(String.valueOf(Long.MAX_VALUE)));
        assertThrows(TypeConversionException.class, () -> new Converters.NonNegativeLong().convert("-1"));
        assertThrows(TypeConversionException.class, () -> new Converters.NonNegativeLong().convert("+1"));
        assertThrows(TypeConversionException.class,
                () -> new Converters.NonNegativeLong().convert("9223372036854775808"));
    }

    // ---- through the command line: usage errors (64) before the device is opened (which would be 69)

    private static String usageError(String... args) {
        String[] withDevice = new String[args.length + 2];
        System.arraycopy(args, 0, withDevice, 0, args.length);
        withDevice[args.length] = "--device";
        withDevice[args.length + 1] = "/nonexistent/kthread_bridge";
        return Kb.run(withDevice).assertOneLineError(ExitCodes.USAGE);
    }

    @Test
    void aNegativeCountIsAUsageError() {
        assertEquals("kb: error: Invalid value for option '--count': '-1' is not a whole number >= 1"
                + " — see 'kb run --help'", usageError("run", "--count", "-1"));
        assertTrue(usageError("run", "-c", "3000000000").endsWith("(1 .. 2147483647) — see 'kb run --help'"));
        assertTrue(usageError("run", "-c", "0").contains("'--count'"));
    }

    @Test
    void badRunValuesAreUsageErrors() {
        assertTrue(usageError("run", "--hold", "5").contains("option '--hold': '5' is not a duration"));
        assertTrue(usageError("run", "-w", "bogus").contains("option '--workload': 'bogus' is not a workload"));
        assertTrue(usageError("run", "-w", "spin:90s").contains("'--workload'"));
        assertTrue(usageError("run", "--cpu", "-1").contains("'--cpu'"));
    }

    @Test
    void aNameTooLongForTheModuleIsAUsageError() {
        String name = "kb-" + "x".repeat(28);
        assertTrue(usageError("run", "-n", name, "-c", "10").contains("'--name': '" + name
                + "9' is 32 bytes with the index appended; at most 31"));
        assertTrue(usageError("run", "-n", name + "é").contains("is 33 bytes; at most 31"));
        assertTrue(usageError("run", "-n", "").contains("'--name'"));
    }

    @Test
    void badBenchValuesAreUsageErrors() {
        assertTrue(usageError("bench", "lifecycle", "--iterations", "0").contains("'--iterations'"));
        assertTrue(usageError("bench", "scale", "--scale-max", "-10").contains("'--scale-max'"));
        assertTrue(usageError("bench", "scale", "--settle", "-1").contains("'--settle'"));
        assertTrue(usageError("bench", "cycles", "--rounds", "+5").contains("'--rounds'"));
        assertTrue(usageError("bench", "cycles", "--warmup-cycles", "x").contains("'--warmup-cycles'"));
        assertTrue(usageError("bench", "files", "--files-threads", "1,0").contains("'--files-threads'"));
        assertTrue(usageError("bench", "files", "--files-threads", "2,x").contains("'--files-threads'"));
        assertTrue(usageError("bench", "files", "--files-duration", "0").contains("'--files-duration'"));
        assertTrue(usageError("bench", "files", "--files-rounds", "0").contains("'--files-rounds'"));
        assertTrue(usageError("bench", "files", "--files-warmup", "-2").contains("'--files-warmup'"));
        assertTrue(usageError("bench", "nothing").contains("EXPERIMENT"));
    }

    @Test
    void aPidMustBePositive() {
        String line = Kb.run("stop", "0").assertOneLineError(ExitCodes.USAGE);
        assertTrue(line.contains("(PID)") && line.contains("'0' is not a whole number >= 1"), line);
    }
}
