/**
 * The packages: what is installed is exactly what package.json asks for and
 * package-lock.json records, and every runtime dependency is used by the running app.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** Every file under `dir` with one of the extensions. */
function filesUnder(dir: string, extensions: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, extensions);
    return extensions.test(entry.name) ? [full] : [];
  });
}

describe('package.json and package-lock.json', () => {
  it('install exactly what the lock file records: npm ls finds nothing missing, extra or invalid', () => {
    const tree = JSON.parse(
      execFileSync('npm', ['ls', '--all', '--json'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { problems?: string[]; dependencies: Record<string, { version: string }> };
    expect(tree.problems ?? []).toEqual([]);
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    for (const [name, { version }] of Object.entries(tree.dependencies))
      expect([name, version]).toEqual([name, lock.packages[`node_modules/${name}`]?.version]);
  });

  it('lists as runtime dependencies only packages the app imports (src/, api/)', () => {
    const sources = [
      ...filesUnder(path.join(ROOT, 'src'), /\.ts$/),
      ...filesUnder(path.join(ROOT, 'api'), /\.ts$/),
    ]
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const imported = (name: string) =>
      new RegExp(
        `(?:from|import|require\\()\\s*\\(?['"]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/[^'"]*)?['"]`,
      ).test(sources);
    expect(Object.keys(pkg.dependencies).filter((name) => !imported(name))).toEqual([]);
  });
});
