import { groupCommit } from '../../src/utils/group-commit';

/** A write that records each batch and finishes when the test says so. */
function recordingWrite() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const writeMany = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      pending.push(() => resolve(items.map((i) => `written ${i}`)));
    });
  const finishNext = async () => {
    await new Promise((r) => setImmediate(r));
    pending.shift()?.();
  };
  return { batches, writeMany, finishNext };
}

describe('groupCommit', () => {
  it('writes at once when nothing is in flight, answering each item with its own result', async () => {
    const { batches, writeMany, finishNext } = recordingWrite();
    const write = groupCommit(writeMany);
    const results = Promise.all([write(1), write(2)]);
    await finishNext();
    await expect(results).resolves.toEqual(['written 1', 'written 2']);
    expect(batches).toEqual([[1, 2]]);
  });

  it('gathers the items that arrive during a write into one next write', async () => {
    const { batches, writeMany, finishNext } = recordingWrite();
    const write = groupCommit(writeMany);
    const first = write(1);
    await new Promise((r) => setImmediate(r)); // the first write is now in flight
    const later = [write(2), write(3), write(4)];
    expect(batches).toEqual([[1]]);
    await finishNext();
    await first;
    await finishNext();
    await expect(Promise.all(later)).resolves.toEqual(['written 2', 'written 3', 'written 4']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a gathering larger than the batch size', async () => {
    const { batches, writeMany, finishNext } = recordingWrite();
    const write = groupCommit(writeMany, 2);
    const results = Promise.all([1, 2, 3].map(write));
    await finishNext();
    await finishNext();
    await results;
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('rejects every item of a failed write, and writes the next batch anyway', async () => {
    let calls = 0;
    const write = groupCommit(async (items: number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return items;
    });
    const failed = [write(1), write(2)];
    await expect(Promise.all(failed)).rejects.toThrow('database down');
    await expect(failed[1]).rejects.toThrow('database down');
    await expect(write(3)).resolves.toBe(3);
  });
});
