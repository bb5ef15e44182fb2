import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureFerretdbBinary, ferretdbBinaryPath } from '../../src/db/ferretdb';
import { ferretdbCacheDir } from '../helpers/database';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** A process that ensures the binary in `cacheDir` and prints what it logged. */
function ensureInChild(cacheDir: string, env: NodeJS.ProcessEnv) {
  const script = `require('./src/db/ferretdb').ensureFerretdbBinary((m) => console.log(m), ${JSON.stringify(cacheDir)})
    .then(() => process.exit(0), (err) => { console.error(err.message); process.exit(3); });`;
  return run(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env });
}

describe('ensureFerretdbBinary', () => {
  it('reuses the cached build without calling Go', async () => {
    const log = jest.fn();
    expect(await ensureFerretdbBinary(log, ferretdbCacheDir)).toBe(
      ferretdbBinaryPath(ferretdbCacheDir),
    );
    expect(log).not.toHaveBeenCalled();
  });

  it('builds once when two processes start at once on an empty cache', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-cache-'));
    try {
      // Go's own build cache is warm (CI built the binary first): this build takes seconds.
      const [a, b] = await Promise.all([
        ensureInChild(cacheDir, process.env),
        ensureInChild(cacheDir, process.env),
      ]);
      const builds = `${a.stdout}${b.stdout}`.match(/^Building FerretDB/gm) ?? [];
      expect(builds).toHaveLength(1);
      expect(fs.existsSync(ferretdbBinaryPath(cacheDir))).toBe(true);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('says what to do when Go is missing', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-nogo-'));
    try {
      // A process whose PATH has no `go`, building into an empty cache.
      await expect(
        ensureInChild(cacheDir, { PATH: cacheDir, HOME: os.tmpdir() }),
      ).rejects.toMatchObject({
        code: 3,
        stderr: expect.stringMatching(
          /Go was not found on PATH\. .*install Go.*MONGODB_URI.*docker compose up/is,
        ),
      });
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
