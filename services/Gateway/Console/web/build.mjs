// Bundles the console into one script and one stylesheet (dist/), and fails the build when the script
// grows past its budget: 200 KB gzip, so that the first screen stays fast on a slow laptop.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";

const out = process.argv[2] ?? "dist";
const budgetBytes = 200 * 1024;

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { console: "src/main.jsx" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: out,
  legalComments: "none",
  logLevel: "warning",
});
await copyFile("src/index.html", `${out}/index.html`);

const script = await readFile(`${out}/console.js`);
const gzipped = gzipSync(script).length;
console.log(`console.js: ${script.length} bytes, ${gzipped} gzip (budget ${budgetBytes})`);
if (gzipped > budgetBytes) {
  console.error(`console.js is ${gzipped} bytes gzip, over its budget of ${budgetBytes}.`);
  process.exit(1);
}
