package dev.kthreadbridge;

import dev.kthreadbridge.internal.bindings.kb_create;
import dev.kthreadbridge.internal.bindings.kb_info;
import dev.kthreadbridge.internal.bindings.kb_info_arg;
import dev.kthreadbridge.internal.bindings.kb_list;
import dev.kthreadbridge.internal.bindings.kb_stop;
import dev.kthreadbridge.internal.bindings.kb_version;
import dev.kthreadbridge.internal.bindings.kb_wake;
import dev.kthreadbridge.internal.bindings.kthread_bridge_shim_h;
import org.junit.jupiter.api.DynamicTest;
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

    static final List<Class<?>> STRUCTS = List.of(kb_version.class, kb_create.class, kb_wake.class,
            kb_stop.class, kb_info_arg.class, kb_info.class, kb_list.class);

    static final List<String> CONSTANTS = List.of("KB_ABI_VERSION", "KB_FEATURE_LIFECYCLE",
            "KB_FEATURE_BIND_CPU", "KB_FEATURE_STOP_INFO", "KB_NAME_LEN", "KB_COMM_LEN",
            "KB_WORKLOAD_IDLE", "KB_WORKLOAD_EXIT", "KB_WORKLOAD_SPIN", "KB_WORKLOAD_PERIODIC",
            "KB_SPIN_MAX_NS", "KB_PERIOD_MIN_NS", "KB_PERIOD_MAX_NS", "KB_CREATE_BIND_CPU",
            "KB_STATUS_WOKEN", "KB_STATUS_ENTERED", "KB_STATUS_EXITED", "KB_STATUS_BOUND",
            "KB_STATUS_STOPPED", "KB_IOC_MAGIC", "KB_IOC_VERSION", "KB_IOC_CREATE", "KB_IOC_RUN",
            "KB_IOC_WAKE", "KB_IOC_STOP", "KB_IOC_INFO", "KB_IOC_LIST");

    static final List<String> STRINGS = List.of("KB_DEVICE_NAME", "KB_DEFAULT_PATH");

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
