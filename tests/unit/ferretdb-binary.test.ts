import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureFerretdbBinary, ferretdbBinaryPath } from '../../src/db/ferretdb';

const ROOT = path.resolve(__dirname, '..', '..');

describe('ensureFerretdbBinary', () => {
  it('reuses the cached build without calling Go', async () => {
    const log = jest.fn();
    expect(await ensureFerretdbBinary(log)).toBe(ferretdbBinaryPath());
    expect(log).not.toHaveBeenCalled();
  });

  it('says what to do when Go is missing', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-nogo-'));
    // A process whose PATH has no `go`, building into an empty cache.
    const script = `require('./src/db/ferretdb').ensureFerretdbBinary(() => {}, ${JSON.stringify(cacheDir)})
      .then(() => process.exit(0), (err) => { console.error(err.message); process.exit(3); });`;
    try {
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: ROOT,
        env: { PATH: cacheDir, HOME: os.tmpdir() },
      });
      await expect(run).rejects.toMatchObject({
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
