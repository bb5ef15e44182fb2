/**
 * Builds a Go program once per user and machine, and caches the binary: the embedded
 * database (tools/ferretdb), and the development tools that come as Go source (the
 * Dockerfile linter in tools/dockerfile-lint, Jaeger). The cache key is a hash of the
 * program's sources, so a change rebuilds; processes starting at once on an empty cache
 * build once (a lock file; the others wait, then find the binary). Progress goes to `log`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import lockfile from 'proper-lockfile';

export type Log = (message: string) => void;

export interface GoProgram {
  /** Shown in progress lines and errors, e.g. "FerretDB v1.24.2". */
  title: string;
  /** The directory `go build` runs in: its module (and main package, unless `target`). */
  dir: string;
  /** The main package to build, when it is a dependency's (a `tool` in go.mod); default `.`. */
  target?: string;
  /** Files of `dir` whose content decides the cache key (go.mod, go.sum, main.go). */
  sources: string[];
  /** Prefix of the cached build's folder, e.g. "v1.24.2". */
  version: string;
  /** The binary's file name. */
  binaryName: string;
  /** What to tell a user whose PATH has no Go. */
  goMissing: string;
}

/** Where the binary for the current sources lives in `cacheDir`. */
export function goProgramPath(program: GoProgram, cacheDir: string): string {
  const hash = createHash('sha256');
  for (const file of program.sources) hash.update(fs.readFileSync(path.join(program.dir, file)));
  const key = hash.digest('hex').slice(0, 12);
  return path.join(cacheDir, `${program.version}-${key}`, program.binaryName);
}

// How long a start waits for another process's build: a cold Go cache takes minutes.
const BUILD_LOCK_WAIT = { retries: 1200, factor: 1, minTimeout: 500, maxTimeout: 500 };

/** The cached binary of `program`, built first when there is none. */
export async function ensureGoProgram(
  program: GoProgram,
  cacheDir: string,
  log: Log,
): Promise<string> {
  const binary = goProgramPath(program, cacheDir);
  if (fs.existsSync(binary)) return binary;

  const dir = path.dirname(binary);
  fs.mkdirSync(dir, { recursive: true });
  const release = await lockfile
    .lock(dir, {
      retries: BUILD_LOCK_WAIT,
      onCompromised: (err) => log(`${program.title} build lock lost: ${err.message}`),
    })
    .catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ELOCKED') throw err;
      throw new Error(
        `Another process has been building ${program.title} in ${dir} for over 10 minutes.`,
      );
    });
  try {
    // The process that held the lock before us may have built it meanwhile.
    if (!fs.existsSync(binary)) await build(program, binary, log);
    return binary;
  } finally {
    await release();
  }
}

async function build(program: GoProgram, binary: string, log: Log): Promise<void> {
  const tmp = `${binary}.${process.pid}.tmp`;
  log(`Building ${program.title} with Go (first run only; a few minutes on a cold Go cache)...`);
  const started = Date.now();

  await new Promise<void>((resolve, reject) => {
    const go = spawn('go', ['build', '-v', '-trimpath', '-o', tmp, program.target ?? '.'], {
      cwd: program.dir,
    });
    let compiled = 0;
    let lastReport = Date.now();
    const tail: string[] = [];
    // `go build -v` names each package it compiles: that is our progress signal.
    readline.createInterface({ input: go.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      compiled += 1;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(`  ...${compiled} packages compiled (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    });
    go.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT' ? new Error(`Go was not found on PATH. ${program.goMissing}`) : err,
      ),
    );
    go.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`go build failed (exit ${code}):\n${tail.join('\n')}\n${program.goMissing}`),
          ),
    );
  });

  fs.renameSync(tmp, binary); // atomic: a reader never sees half a binary
  log(`${program.title} built in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
}
