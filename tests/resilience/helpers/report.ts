/**
 * Figures of a resilience scenario: printed as they come (outside Jest's console capture)
 * and kept in .cache/resilience/<scenario>.json for docs/RELIABILITY.md.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '..', '..', '..', '.cache', 'resilience');

export function report(scenario: string, figures: Record<string, unknown>): void {
  const lines = Object.entries(figures).map(
    ([k, v]) => `    ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
  );
  process.stdout.write(`\n  [${scenario}]\n${lines.join('\n')}\n`);
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, `${scenario}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
