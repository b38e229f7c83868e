// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge;

import dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated bindings against the C compiler's view of the uapi and
 * shim headers: sizeof of every struct, offsetof of every field and the
 * value of every constant, one dynamic test each.
 */
class LayoutAgreementTest {

    /** What scripts/jextract-includes.txt keeps: the bindings must have exactly these. */
    static final List<String> INCLUDES = includes();

    static final List<Class<?>> STRUCTS = INCLUDES.stream().filter(l -> l.startsWith("--include-struct "))
            .map(l -> l.substring("--include-struct ".length()).trim())
            .<Class<?>>map(LayoutAgreementTest::bindingClass).toList();

    static final List<String> STRINGS = List.of("KB_DEVICE_NAME", "KB_DEFAULT_PATH");

    static final List<String> CONSTANTS = INCLUDES.stream().filter(l -> l.startsWith("--include-constant "))
            .map(l -> l.substring("--include-constant ".length()).trim())
            .filter(c -> !STRINGS.contains(c)).toList();

    private static List<String> includes() {
        try {
            return Files.readAllLines(TestSupport.repoDir().resolve("scripts/jextract-includes.txt")).stream()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Class<?> bindingClass(String struct) {
        try {
            return Class.forName(kthread_bridge_shim_h.class.getPackageName() + "." + struct);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no binding class for struct " + struct, e);
        }
    }

    /**
     * The ABI the library asks the module for is the one its bindings were generated from: open()
     * refuses any other, so a stale constant makes every device unusable.
     */
    @Test
    void supportedAbiIsTheBindingsAbi() {
        assertEquals(kthread_bridge_shim_h.KB_ABI_VERSION(), AbiVersion.SUPPORTED);
    }

    /** Every struct, #define and function of the headers is kept by scripts/jextract-includes.txt. */
    @Test
    void includesCoverTheHeaders() throws Exception {
        Path repo = TestSupport.repoDir();
        String uapi = Files.readString(repo.resolve("kmod/include/uapi/linux/kthread_bridge.h"));
        String shim = Files.readString(repo.resolve("native/include/kthread_bridge_shim.h"));
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (String src : List.of(uapi, shim)) {
            var defines = java.util.regex.Pattern.compile("(?m)^#define\\s+(KB_[A-Z0-9_]+)\\s").matcher(src);
            while (defines.find()) {
                expected.add("--include-constant " + defines.group(1));
            }
            var structs = java.util.regex.Pattern.compile("(?m)^struct (kb_\\w+) \\{").matcher(src);
            while (structs.find()) {
                expected.add("--include-struct " + structs.group(1));
            }
        }
        var functions = java.util.regex.Pattern.compile("(?m)^(?:int|uint64_t) (kb_\\w+)\\(").matcher(shim);
        while (functions.find()) {
            expected.add("--include-function " + functions.group(1));
        }
        assertEquals(expected, new java.util.TreeSet<>(INCLUDES));
    }

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> bindingsMatchTheCompiler() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")) || onPath("gcc"), "gcc not installed");
        Map<String, String> c = compileAndRun();
        Map<String, String> java = javaValues();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every C item has a Java counterpart",
                () -> assertEquals(c.keySet(), java.keySet())));
        java.forEach((key, value) -> tests.add(DynamicTest.dynamicTest(key,
                () -> assertEquals(c.get(key), value, key))));
        return tests.stream();
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    static String structName(Class<?> cls) {
        return cls.getSimpleName();
    }

    static GroupLayout layout(Class<?> cls) throws ReflectiveOperationException {
        return (GroupLayout) cls.getMethod("layout").invoke(null);
    }

    private Map<String, String> javaValues() throws ReflectiveOperationException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Class<?> cls : STRUCTS) {
            String s = structName(cls);
            out.put("sizeof " + s, Long.toString((long) cls.getMethod("sizeof").invoke(null)));
            for (MemoryLayout m : layout(cls).memberLayouts()) {
                String f = m.name().orElseThrow();
                out.put("offsetof " + s + "." + f, Long.toString((long) cls.getMethod(f + "$offset").invoke(null)));
                out.put("sizeof " + s + "." + f, Long.toString(m.byteSize()));
            }
        }
        for (String name : CONSTANTS) {
            Method m = kthread_bridge_shim_h.class.getMethod(name);
            Object v = m.invoke(null);
            long value = v instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) v;
            out.put("constant " + name, Long.toUnsignedString(value));
        }
        for (String name : STRINGS) {
            MemorySegment seg = (MemorySegment) kthread_bridge_shim_h.class.getMethod(name).invoke(null);
            out.put("string " + name, seg.getString(0));
        }
        return out;
    }

    private String program() throws ReflectiveOperationException {
        StringBuilder p = new StringBuilder("""
                #include <stdio.h>
                #include <stddef.h>
                #include <linux/kthread_bridge.h>
                #include "kthread_bridge_shim.h"
                int main(void)
                {
                """);
        for (Class<?> cls : STRUCTS) {
            String s = structName(cls);
            p.append("\tprintf(\"sizeof ").append(s).append(" %zu\\n\", sizeof(struct ").append(s).append("));\n");
            for (MemoryLayout m : layout(cls).memberLayouts()) {
                String f = m.name().orElseThrow();
                p.append("\tprintf(\"offsetof ").append(s).append('.').append(f).append(" %zu\\n\", offsetof(struct ")
                        .append(s).append(", ").append(f).append("));\n");
                p.append("\tprintf(\"sizeof ").append(s).append('.').append(f).append(" %zu\\n\", sizeof(((struct ")
                        .append(s).append(" *)0)->").append(f).append("));\n");
            }
        }
        for (String name : CONSTANTS) {
            p.append("\tprintf(\"constant ").append(name).append(" %llu\\n\", (unsigned long long)(")
                    .append(name).append("));\n");
        }
        for (String name : STRINGS) {
            p.append("\tprintf(\"string ").append(name).append(" %s\\n\", ").append(name).append(");\n");
        }
        return p.append("\treturn 0;\n}\n").toString();
    }

    private Map<String, String> compileAndRun() throws Exception {
        Path src = tmp.resolve("layouts.c");
        Path exe = tmp.resolve("layouts");
        Files.writeString(src, program());
        Path repo = TestSupport.repoDir();
        TestSupport.Result cc = TestSupport.exec(List.of("gcc", "-Wall", "-Werror",
                "-I", repo.resolve("kmod/include/uapi").toString(),
                "-I", repo.resolve("native/include").toString(),
                "-o", exe.toString(), src.toString()));
        assertEquals(0, cc.exit(), () -> "gcc failed:\n" + cc.out());
        TestSupport.Result run = TestSupport.exec(List.of(exe.toString()));
        assertEquals(0, run.exit(), run.out());
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : run.out().split("\n")) {
            int sp = line.lastIndexOf(' ');
            assertTrue(sp > 0, line);
            out.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return out;
    }
}
