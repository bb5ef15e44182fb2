/**
 * Reads a V8 heap snapshot (.heapsnapshot JSON) and sums the objects by constructor name:
 * comparing two of them shows what grew between them.
 */
import fs from 'node:fs';

export interface HeapSummary {
  totalMb: number;
  byName: Map<string, { count: number; bytes: number }>;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeap(file: string): HeapSummary {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const [types] = snap.snapshot.meta.node_types;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byName = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const size = snap.nodes[i + sizeAt];
    total += size;
    // Objects by constructor; strings, arrays, closures and code by their kind.
    const name = type === 'object' ? snap.strings[snap.nodes[i + nameAt]] : `(${type})`;
    const entry = byName.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += size;
    byName.set(name, entry);
  }
  return { totalMb: total / 1024 / 1024, byName };
}

/** The `top` names whose total size grew the most from `before` to `after`. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 12) {
  return [...after.byName.entries()]
    .map(([name, now]) => {
      const then = before.byName.get(name) ?? { count: 0, bytes: 0 };
      return { name, count: now.count - then.count, kb: (now.bytes - then.bytes) / 1024 };
    })
    .sort((a, b) => b.kb - a.kb)
    .slice(0, top);
}
