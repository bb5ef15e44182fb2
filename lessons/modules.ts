/**
 * Lesson: CommonJS and ES modules.  Run: npm run lesson -- modules
 *
 * Node has two module systems. CommonJS (`require`, `module.exports`) loads synchronously
 * and is what `.cjs` files — and `.js` files without `"type": "module"` — are. ES modules
 * (`import`/`export`) are parsed before they run, and are what `.mjs` files — and `.js`
 * files under `"type": "module"` — are. The files in lessons/modules/ load each other both
 * ways; then TypeScript compiles the same source with this project's own tsconfig.json
 * (`"module": "node20"`) and shows what it emits for each case. This project has no
 * `"type"` in package.json, so src/ compiles to CommonJS (dist/*.js use `require`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const here = path.join(__dirname, 'modules');
const run = (file: string) =>
  process.stdout.write(
    execFileSync(process.execPath, [path.join(here, file)], { encoding: 'utf8' }),
  );

/** Compiles one file with the project's compiler options, in a package of the given type. */
function compile(fileName: string, type: 'commonjs' | 'module'): string {
  const root = path.resolve(__dirname, '..');
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-modules-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type }));
  const source = path.join(dir, fileName);
  fs.writeFileSync(
    source,
    "import { join } from 'node:path';\nexport const where = join('a', 'b');\n",
  );
  const outDir = path.join(dir, 'out');
  const program = ts.createProgram([source], {
    ...options,
    rootDir: dir,
    outDir,
    sourceMap: false,
    types: ['node'],
  });
  program.emit();
  const emitted = fs.readdirSync(outDir)[0] ?? '(nothing)';
  const code = fs.readFileSync(path.join(outDir, emitted), 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  // The line that imports node:path tells which module system came out.
  const importLine = code.split('\n').find((line) => line.includes('node:path')) ?? '';
  return `${emitted.padEnd(11)} ${importLine.trim()}`;
}

console.log('1. CommonJS loading both kinds (node lessons/modules/main.cjs):');
run('main.cjs');
console.log('2. An ES module loading both kinds (node lessons/modules/main.mjs):');
run('main.mjs');
console.log('3. A .js file is what the nearest package.json\'s "type" says:');
run('which.js');
run(path.join('esm-package', 'which.js'));
console.log('4. TypeScript with this project\'s tsconfig.json ("module": "node20") emits:');
console.log(`  no "type" (this project):  example.ts  → ${compile('example.ts', 'commonjs')}`);
console.log(`  "type": "module":          example.ts  → ${compile('example.ts', 'module')}`);
console.log(`  either, by extension:      example.mts → ${compile('example.mts', 'commonjs')}`);
console.log(`                             example.cts → ${compile('example.cts', 'module')}`);
