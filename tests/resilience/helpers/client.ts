/** A plain HTTP client for the resilience scenarios: real requests to a real server. */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { ApiProcess } from '../../../scripts/lib/api-process';

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
  ms: number;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string | object; auth?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const started = Date.now();
  const body = typeof options.body === 'object' ? JSON.stringify(options.body) : options.body;
  const headers: Record<string, string> = {
    ...(body !== undefined && { 'Content-Type': 'application/json' }),
    ...(options.auth && { Authorization: options.auth }),
    ...options.headers,
  };
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers, ms: Date.now() - started };
}

export interface User {
  username: string;
  email: string;
  password: string;
  auth: string;
}

export async function registerUser(baseUrl: string, prefix = 'res'): Promise<User> {
  const username = `${prefix}${randomBytes(5).toString('hex')}`;
  const user = { username, email: `${username}@example.com`, password: 'violet kettle sunrise' };
  const res = await call(baseUrl, 'POST', '/api/v1/users', { body: { user } });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...user, auth: `Token ${(res.body as { user: { token: string } }).user.token}` };
}

/** Gives `username` a role directly in the API's embedded database. */
export async function setRole(api: ApiProcess, username: string, role: string): Promise<void> {
  const started = api.logs.find((l) => l.message === 'embedded FerretDB started');
  if (!started) throw new Error('the API runs no embedded database');
  const conn = await mongoose.createConnection(`${String(started.uri)}conduit`).asPromise();
  await conn.collection('users').updateOne({ username }, { $set: { role } });
  await conn.close();
}

/** Runs `tasks` with at most `concurrency` at a time; returns their results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}
