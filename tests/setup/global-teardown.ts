import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TEST_DB__;
  await state?.db?.stop();
  if (state?.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
  state?.redis?.kill('SIGKILL');
  await state?.rabbit?.destroy();
}
