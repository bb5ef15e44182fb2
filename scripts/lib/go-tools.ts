/**
 * The development tools that come as Go source, each built once per machine into
 * ~/.cache/conduit/<name> (`$XDG_CACHE_HOME` honoured) by src/utils/go-program.ts, as the
 * embedded database is.
 */
import os from 'node:os';
import path from 'node:path';
import { ensureGoProgram, type GoProgram } from '../../src/utils/go-program';

const ROOT = path.resolve(__dirname, '..', '..');

export const toolCacheDir = (name: string) =>
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'conduit', name);

/** Docker's build checks (`docker build --check`) without a Docker engine. */
export const DOCKERFILE_LINT: GoProgram = {
  title: 'dockerfile-lint (BuildKit v0.34.2 build checks)',
  dir: path.join(ROOT, 'tools', 'dockerfile-lint'),
  sources: ['go.mod', 'go.sum', 'main.go'],
  version: 'buildkit-v0.34.2',
  binaryName: 'dockerfile-lint',
  goMissing: 'The Dockerfile linter is built once with Go: install Go >= 1.26 (https://go.dev/dl).',
};

/** Jaeger all-in-one (collector, in-memory storage, query API) from the Go module proxy. */
export const JAEGER: GoProgram = {
  title: 'Jaeger v1.75.0 all-in-one',
  dir: path.join(ROOT, 'tools', 'jaeger'),
  target: 'github.com/jaegertracing/jaeger/cmd/all-in-one',
  sources: ['go.mod', 'go.sum'],
  version: 'v1.75.0',
  binaryName: 'jaeger-all-in-one',
  goMissing: 'Jaeger is built once with Go: install Go >= 1.26 (https://go.dev/dl).',
};

export const ensureTool = (program: GoProgram, name: string) =>
  ensureGoProgram(program, toolCacheDir(name), (message) => console.error(message));
