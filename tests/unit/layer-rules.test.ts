/**
 * The layer rules live in .eslintrc.json; this proves they bite, so a violation fails
 * `npm run lint` (and a careless edit to the config fails this test).
 */
import path from 'node:path';
import { loadESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');

async function lint(file: string, code: string): Promise<string[]> {
  const LegacyESLint = await loadESLint({ useFlatConfig: false });
  // no-cycle needs the file on disk; these snippets exist only in memory.
  const eslint = new LegacyESLint({
    cwd: ROOT,
    overrideConfig: { rules: { 'import/no-cycle': 'off' } },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it('forbid services from importing express or the HTTP layers', async () => {
    const rules = await lint(
      'src/services/example.service.ts',
      "import { Router } from 'express';\nimport { healthRouter } from '../routes/health.routes';\nexport const x = [Router, healthRouter];\n",
    );
    expect(rules).toEqual(
      expect.arrayContaining(['no-restricted-imports', 'import/no-restricted-paths']),
    );
  });

  it('forbid controllers from touching models', async () => {
    const rules = await lint(
      'src/controllers/example.controller.ts',
      "import * as models from '../models/example.model';\nexport const x = models;\n",
    );
    expect(rules).toContain('no-restricted-imports');
  });

  it('forbid the Socket.IO gateway from touching models, and services from calling it', async () => {
    const gateway = await lint(
      'src/realtime/example.ts',
      "import { User } from '../models';\nexport const x = User;\n",
    );
    expect(gateway).toContain('import/no-restricted-paths');
    const service = await lint(
      'src/services/example.service.ts',
      "import { userRoom } from '../realtime/contract';\nexport const x = userRoom;\n",
    );
    expect(service).toContain('import/no-restricted-paths');
  });

  it('forbid the cache from reaching into models or the reads that fill it', async () => {
    const rules = await lint(
      'src/cache/example.ts',
      "import { Article } from '../models';\nimport { createReads } from '../queries/reads';\nexport const x = [Article, createReads];\n",
    );
    expect(rules.filter((r) => r === 'import/no-restricted-paths')).toHaveLength(2);
  });

  it('forbid models from importing services', async () => {
    const rules = await lint(
      'src/models/example.model.ts',
      "import { getLiveness } from '../services/health.service';\nexport const x = getLiveness;\n",
    );
    expect(rules).toContain('import/no-restricted-paths');
  });

  it('forbid importing the config object outside the entry points (types are fine)', async () => {
    const rules = await lint(
      'src/services/example.service.ts',
      "import { config } from '../config';\nexport const x = config;\n",
    );
    expect(rules).toContain('@typescript-eslint/no-restricted-imports');
    const typeOnly = "import type { Config } from '../config';\nexport type X = Config;\n";
    expect(await lint('src/services/example.service.ts', typeOnly)).toEqual([]);
    const entry = "import { config } from './config';\nexport const x = config;\n";
    expect(await lint('src/server.ts', entry)).toEqual([]);
  });

  it('forbid app.locals lookups', async () => {
    const rules = await lint(
      'src/controllers/example.controller.ts',
      'export const x = (req: { app: { locals: object } }) => req.app.locals;\n',
    );
    expect(rules).toContain('no-restricted-syntax');
  });

  it('forbid reading process.env outside src/config', async () => {
    expect(await lint('src/utils/example.ts', 'export const x = process.env.PORT;\n')).toContain(
      'no-restricted-properties',
    );
    expect(await lint('src/config/example.ts', 'export const x = process.env.PORT;\n')).toEqual([]);
  });
});
