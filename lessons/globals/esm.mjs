// The same questions from an ES module: no __dirname or __filename here, import.meta instead.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
console.log(`  typeof __dirname:     ${typeof __dirname}`);
console.log(`  typeof require:       ${typeof require}`);
console.log(`  import.meta.filename: ${path.relative(root, import.meta.filename)}`);
console.log(`  import.meta.dirname:  ${path.relative(root, import.meta.dirname)}`);
console.log(`  import.meta.url:      file://…/${path.relative(root, import.meta.filename)}`);
