/**
 * `npm run bench:files [-- --mb 200 --driver disk|gridfs]`: uploads and downloads a large
 * file through the API, and the same bytes through a bare node:http server that pipes
 * `req → fs.createWriteStream` and `fs.createReadStream → res` (the baseline), in the same
 * run. Prints MB/s and each process's peak RSS. Figures: docs/uploads.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApi, UNLIMITED } from './lib/api-process';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    driver: { type: 'string', default: 'disk' },
    rounds: { type: 'string', default: '2' },
  },
});
const SIZE = Number(values.mb) * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-bench-files-'));

/** Peak resident set size of a process so far (VmHWM), in MB. */
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function makeFile(file: string) {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, Buffer.from('%PDF-1.7\n')); // so the API types it from its bytes
  const block = randomBytes(1024 * 1024);
  for (let written = 9; written < SIZE; written += block.length)
    fs.writeSync(out, block, 0, Math.min(block.length, SIZE - written));
  fs.closeSync(out);
}

/** Sends `file` as the body (raw, or as one multipart field); resolves with status and body. */
function upload(url: string, file: string, headers: Record<string, string>, multipart?: string) {
  return new Promise<{ status: number; body: string; seconds: number }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const boundary = 'bench-boundary';
    const head = multipart
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${multipart}"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`
      : '';
    const tail = multipart ? `\r\n--${boundary}--\r\n` : '';
    const req = http.request(url, {
      method: multipart ? 'POST' : 'PUT',
      headers: {
        ...headers,
        'Content-Type': multipart
          ? `multipart/form-data; boundary=${boundary}`
          : 'application/octet-stream',
        'Content-Length': String(Buffer.byteLength(head) + SIZE + Buffer.byteLength(tail)),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res
        .on('data', (c) => (body += c))
        .on('end', () =>
          resolve({
            status: res.statusCode!,
            body,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          }),
        );
    });
    req.on('error', reject);
    req.write(head);
    fs.createReadStream(file)
      .on('end', () => req.end(tail))
      .pipe(req, { end: false });
  });
}

function download(url: string) {
  return new Promise<{ bytes: number; seconds: number }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(url, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          resolve({ bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 }),
        );
      })
      .on('error', reject);
  });
}

/** The baseline: a bare node:http server, in its own process, streaming to and from disk. */
async function startBaseline() {
  const target = path.join(dir, 'baseline.bin');
  const code = `
    const fs = require('fs'); const http = require('http');
    http.createServer((req, res) => {
      if (req.method === 'PUT') req.pipe(fs.createWriteStream(${JSON.stringify(target)})).on('finish', () => res.end('ok'));
      else fs.createReadStream(${JSON.stringify(target)}).pipe(res);
    }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d)))),
  );
  return { child, url: `http://127.0.0.1:${port}/` };
}

async function main() {
  const file = path.join(dir, 'big.pdf');
  makeFile(file);
  const api = await startApi({
    env: {
      ...UNLIMITED,
      STORAGE_DRIVER: values.driver!,
      UPLOAD_MAX_FILE_BYTES: String(SIZE + 1),
      UPLOAD_QUOTA_BYTES: String(SIZE * 10),
      HTTP_REQUEST_TIMEOUT_MS: '600000',
    },
  });
  const baseline = await startBaseline();
  try {
    const reg = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        const body = JSON.stringify({
          user: {
            username: `bench${Date.now()}`,
            email: `bench${Date.now()}@example.com`,
            password: 'violet kettle sunrise',
          },
        });
        const req = http.request(
          `${api.baseUrl}/api/v1/users`,
          { method: 'POST', headers: { 'Content-Type': 'application/json' } },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c)).on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    ) as { user: { token: string } };
    const auth = { Authorization: `Token ${reg.user.token}` };
    const article = await fetch(`${api.baseUrl}/api/v1/articles`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        article: { title: `Bench ${Date.now()}`, description: 'd', body: 'b' },
      }),
    }).then((r) => r.json() as Promise<{ article: { slug: string } }>);

    const apiBefore = api.rssMb();
    let afterUpload = 0;
    const mbps = (seconds: number) => (SIZE / 1024 / 1024 / seconds).toFixed(0);
    console.log(`${values.mb} MB file, storage driver ${values.driver}, ${os.cpus().length} cores`);
    console.log('round | upload MB/s API | baseline | download MB/s API | baseline');
    const figures = {
      api: { up: [] as number[], down: [] as number[] },
      base: { up: [] as number[], down: [] as number[] },
    };
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      const up = await upload(
        `${api.baseUrl}/api/v1/articles/${article.article.slug}/attachments`,
        file,
        auth,
        'files',
      );
      if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${up.body}`);
      const id = (JSON.parse(up.body) as { attachments: { id: string }[] }).attachments[0].id;
      if (round === 1) afterUpload = peakRssMb(api.child.pid!);
      const baseUp = await upload(baseline.url, file, {});
      const down = await download(`${api.baseUrl}/api/v1/files/${id}`);
      const baseDown = await download(baseline.url);
      if (down.bytes !== SIZE || baseDown.bytes !== SIZE) throw new Error('a download came short');
      figures.api.up.push(up.seconds);
      figures.base.up.push(baseUp.seconds);
      figures.api.down.push(down.seconds);
      figures.base.down.push(baseDown.seconds);
      console.log(
        `${String(round).padStart(5)} | ${mbps(up.seconds).padStart(15)} | ${mbps(baseUp.seconds).padStart(8)} | ${mbps(down.seconds).padStart(17)} | ${mbps(baseDown.seconds).padStart(8)}`,
      );
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(
      `ratio API / baseline (best round): upload ${(best(figures.base.up) / best(figures.api.up)).toFixed(2)}×, download ${(best(figures.base.down) / best(figures.api.down)).toFixed(2)}×`,
    );
    console.log(
      `RSS: API ${apiBefore.toFixed(0)} MB before the first upload, peak ${afterUpload.toFixed(0)} MB after it, ${peakRssMb(api.child.pid!).toFixed(0)} MB after the downloads; baseline peak ${peakRssMb(baseline.child.pid!).toFixed(0)} MB (file ${values.mb} MB)`,
    );
  } finally {
    baseline.child.kill();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
