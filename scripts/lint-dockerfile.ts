/**
 * `npm run lint:dockerfile [-- files…]`: the Dockerfile against Docker's own build checks
 * (the rules of `docker build --check`), run by tools/dockerfile-lint — BuildKit's
 * Dockerfile frontend, no Docker engine needed. Exits 1 on any finding.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DOCKERFILE_LINT, ensureTool } from './lib/go-tools';

async function main() {
  const binary = await ensureTool(DOCKERFILE_LINT, 'dockerfile-lint');
  const files = process.argv.slice(2);
  const targets = files.length ? files : [path.resolve(__dirname, '..', 'Dockerfile')];
  const { status } = spawnSync(binary, targets, { stdio: 'inherit' });
  process.exitCode = status ?? 1;
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 2;
});
