#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
"""Check sys/linux/dev_kthread_bridge.txt against the uapi header.

The C compiler is the reference: a generated program prints every KB_IOC_*
value, sizeof of every struct and offsetof/sizeof of every field the syzlang
description names. Checks, one TAP line each:
  - every KB_IOC_* of the header has an ioctl$KB_IOC_* (and no other);
  - each ioctl$ passes the struct the header's _IO* macro names, with the
    pointer direction of its _IOC_DIR (R: out, W: in, RW: inout);
  - each described struct has the header's size, and its fields the
    header's names, order, offsets and sizes (so a field added to the
    header and not here is caught by the offsets or the size);
  - ABI 2's room to grow: every struct user space passes in (the ioctl
    arguments, kb_batch_item) has a flags field and reserved space, every
    reserved* field is described as const 0 (the module refuses anything
    else), and the structs only the kernel writes (kb_info, kb_event) have
    reserved space too.
Ends with "N passed, N failed"; exit status 1 on any failure.
Usage: check-syzlang.py [--header H] [--syz F] [--cc CC]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCALARS = {"int8": 1, "int16": 2, "int32": 4, "int64": 8, "intptr": 8,
           "ptr64": 8, "fd": 4}


def strip_comments(text):
    return "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#")
                     else "" for line in text.splitlines())


def split_args(s):
    """Split on top-level commas."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def parse_syz(text):
    text = strip_comments(text)
    resources = {}
    for m in re.finditer(r"^resource\s+(\w+)\[(\w+)\]", text, re.M):
        resources[m.group(1)] = m.group(2)
    structs = {}
    for m in re.finditer(r"^(\w+)\s*\{\n(.*?)^\}", text, re.M | re.S):
        fields = []
        for line in m.group(2).splitlines():
            parts = line.strip().split(None, 1)
            if len(parts) == 2:
                ftype = re.sub(r"\s*\((in|out|inout)\)\s*$", "", parts[1].strip())
                fields.append((parts[0], ftype))
        structs[m.group(1)] = fields
    ioctls = {}
    for m in re.finditer(r"^ioctl\$(\w+)\((.*)\)\s*$", text, re.M):
        args = split_args(m.group(2))
        cmd = re.match(r"cmd const\[(\w+)\]", args[1])
        arg = re.match(r"arg ptr\[(\w+),\s*(\w+)\]", args[2]) if len(args) > 2 else None
        ioctls[m.group(1)] = (cmd.group(1) if cmd else None,
                              arg.group(1) if arg else None,
                              arg.group(2) if arg else None)
    return resources, structs, ioctls


class Layout:
    def __init__(self, resources, structs, consts):
        self.resources, self.structs, self.consts = resources, structs, consts

    def size_align(self, t):
        t = t.strip()
        base = re.match(r"(\w+)", t).group(1)
        inner = t[len(base):].strip()
        if base in SCALARS and base != "ptr64":
            return SCALARS[base], SCALARS[base]
        if base == "ptr64":
            return 8, 8
        if base in ("flags", "const", "len", "bytesize"):
            args = split_args(inner[1:-1])
            n = SCALARS[args[-1]] if len(args) > 1 and args[-1] in SCALARS else 8
            return n, n
        if base == "array":
            args = split_args(inner[1:-1])
            esize, ealign = self.size_align(args[0])
            if len(args) < 2 or ":" in args[1]:
                raise ValueError("variable-length array in a fixed struct: " + t)
            count = int(args[1], 0) if re.match(r"^\d", args[1]) else self.consts[args[1]]
            return esize * count, ealign
        if base in self.resources:
            return self.size_align(self.resources[base])
        if base in self.structs:
            off, align = 0, 1
            for _, ft in self.structs[base]:
                s, a = self.size_align(ft)
                off = (off + a - 1) // a * a + s
                align = max(align, a)
            return (off + align - 1) // align * align, align
        raise ValueError("unknown syzlang type " + t)

    def fields(self, name):
        off, out = 0, []
        for fname, ft in self.structs[name]:
            s, a = self.size_align(ft)
            off = (off + a - 1) // a * a
            out.append((fname, off, s))
            off += s
        return out


def header_ioctls(header_text):
    out = {}
    for m in re.finditer(r"#define\s+(KB_IOC_\w+)\s+_IO(R|W|WR)?\(\s*KB_IOC_MAGIC\s*,\s*(\w+)\s*(?:,\s*struct\s+(\w+))?\s*\)",
                         header_text):
        out[m.group(1)] = {"dir": m.group(2) or "", "struct": m.group(4)}
    return out


def run_cc(cc, header, program):
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "p.c"), os.path.join(tmp, "p")
        with open(src, "w") as f:
            f.write(program)
        inc = os.path.dirname(os.path.dirname(header))
        res = subprocess.run([cc, "-std=gnu11", "-I", inc, "-o", exe, src],
                             capture_output=True, text=True)
        if res.returncode:
            raise RuntimeError(res.stderr)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    vals = {}
    for line in out.splitlines():
        k, v = line.split("=", 1)
        vals[k] = int(v)
    return vals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", default=os.path.join(ROOT, "kmod/include/uapi/linux/kthread_bridge.h"))
    ap.add_argument("--syz", default=os.path.join(ROOT, "sys/linux/dev_kthread_bridge.txt"))
    ap.add_argument("--cc", default=os.environ.get("CC", "gcc"))
    opts = ap.parse_args()

    with open(opts.header) as f:
        htext = f.read()
    with open(opts.syz) as f:
        resources, structs, ioctls = parse_syz(f.read())
    hio = header_ioctls(htext)
    c_structs = set(re.findall(r"^struct\s+(\w+)\s*\{", htext, re.M))
    with open(opts.syz) as f:
        consts = sorted(set(re.findall(r"\b(KB_[A-Z0-9_]+)\b", strip_comments(f.read()))))

    lines = ["#include <stddef.h>", "#include <stdio.h>", "#include <linux/kthread_bridge.h>",
             "int main(void) {"]
    for c in consts:
        lines.append('#ifdef %s\n printf("%s=%%llu\\n", (unsigned long long)(%s));\n#endif' % (c, c, c))
    for name in hio:
        lines.append(' printf("%s=%%llu\\n", (unsigned long long)(%s));' % (name, name))
    for s in structs:
        if s not in c_structs:
            continue
        lines.append(' printf("sizeof:%s=%%zu\\n", sizeof(struct %s));' % (s, s))
        for fname, _ in structs[s]:
            lines.append(' printf("off:%s.%s=%%zu\\n", offsetof(struct %s, %s));' % (s, fname, s, fname))
            lines.append(' printf("size:%s.%s=%%zu\\n", sizeof(((struct %s *)0)->%s));' % (s, fname, s, fname))
    lines.append(" return 0;\n}\n")

    results = []

    def check(ok, what):
        results.append(ok)
        print("%s %d %s" % ("ok" if ok else "not ok", len(results), what))

    try:
        vals = run_cc(opts.cc, opts.header, "\n".join(lines))
    except RuntimeError as e:
        print("# the compiler refused the generated program (a field or constant the "
              "description names is not in the header):\n# " + str(e).replace("\n", "\n# "))
        check(False, "description compiles against the header")
        print("%d passed, %d failed" % (results.count(True), results.count(False)))
        return 1
    check(True, "description compiles against the header (%d constants, %d structs)"
          % (len(consts), len(structs)))
    missing = [c for c in consts if c not in vals and c not in hio]
    check(not missing, "every KB_* constant the description uses is defined%s"
          % (": missing " + ", ".join(missing) if missing else ""))

    layout = Layout(resources, structs, vals)
    described = {k for k in ioctls}
    check(set(hio) == described, "ioctl$ entries match the header's KB_IOC_* (header only: %s; description only: %s)"
          % (sorted(set(hio) - described) or "none", sorted(described - set(hio)) or "none"))
    dirmap = {"R": "out", "W": "in", "WR": "inout", "": None}
    for name in sorted(set(hio) & described):
        cmd, pdir, sname = ioctls[name]
        h = hio[name]
        cval = vals[name]
        ok = cmd == name and sname == h["struct"] and pdir == dirmap[h["dir"]]
        size_ok = sname in structs and ((cval >> 16) & 0x3fff) == vals.get("sizeof:" + sname, -1)
        syz_size = layout.size_align(sname)[0] if sname in structs else -1
        check(ok and size_ok and syz_size == vals.get("sizeof:" + sname),
              "%s = 0x%08x: struct %s (header: %s), ptr[%s] (header _IO%s), size %d (C %s, syzlang %d)"
              % (name, cval, sname, h["struct"], pdir, h["dir"], (cval >> 16) & 0x3fff,
                 vals.get("sizeof:" + sname), syz_size))
    for s in sorted(structs):
        if s not in c_structs:
            continue
        bad = []
        for fname, off, size in layout.fields(s):
            coff, csize = vals["off:%s.%s" % (s, fname)], vals["size:%s.%s" % (s, fname)]
            if (coff, csize) != (off, size):
                bad.append("%s at %d+%d (C %d+%d)" % (fname, off, size, coff, csize))
        total = layout.size_align(s)[0]
        if total != vals["sizeof:" + s]:
            bad.append("size %d (C %d)" % (total, vals["sizeof:" + s]))
        check(not bad, "struct %s: %d fields, %d bytes%s" % (s, len(structs[s]), total,
                                                             ": " + "; ".join(bad) if bad else ""))
    in_structs = {sn for _, pd, sn in ioctls.values() if pd in ("in", "inout")}
    in_structs.add("kb_batch_item")
    for s in sorted(structs):
        if s not in c_structs:
            continue
        names = [f for f, _ in structs[s]]
        reserved = [(f, t) for f, t in structs[s] if f.startswith("reserved")]
        problems = []
        if not reserved:
            problems.append("no reserved field")
        if s in in_structs:
            if "flags" not in names:
                problems.append("no flags field")
            for f, t in reserved:
                if not re.match(r"^(const\[0,|array\[const\[0,)", t.replace(" ", "")):
                    problems.append("%s is not const 0 (%s)" % (f, t))
        check(not problems, "struct %s has room to grow (%s)%s"
              % (s, "flags, reserved zero on input" if s in in_structs else "reserved, kernel-written",
                 ": " + "; ".join(problems) if problems else ""))
    undescribed = sorted(c_structs - set(structs))
    check(not undescribed, "every struct of the header is described%s"
          % (": missing " + ", ".join(undescribed) if undescribed else ""))
    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
