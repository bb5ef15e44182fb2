/**
 * Traces read back from Jaeger's query API (`/api/traces/<id>`): each span with its
 * service, its parent's name and its tags, for assertions that read like the trace.
 */
export interface ReadSpan {
  id: string;
  name: string;
  service: string;
  parentId?: string;
  parent?: string;
  tags: Record<string, unknown>;
}

interface JaegerTrace {
  spans: {
    spanID: string;
    operationName: string;
    processID: string;
    references?: { refType: string; spanID: string }[];
    tags: { key: string; value: unknown }[];
  }[];
  processes: Record<string, { serviceName: string }>;
}

async function fetchTrace(queryUrl: string, traceId: string): Promise<ReadSpan[]> {
  const res = await fetch(`${queryUrl}/api/traces/${traceId}`);
  if (!res.ok) return [];
  const { data } = (await res.json()) as { data?: JaegerTrace[] };
  const trace = data?.[0];
  if (!trace) return [];
  const names = new Map(trace.spans.map((s) => [s.spanID, s.operationName]));
  return trace.spans.map((s) => {
    const parentId = s.references?.find((r) => r.refType === 'CHILD_OF')?.spanID;
    return {
      id: s.spanID,
      name: s.operationName,
      service: trace.processes[s.processID]?.serviceName ?? '?',
      parentId,
      parent: parentId ? names.get(parentId) : undefined,
      tags: Object.fromEntries(s.tags.map((t) => [t.key, t.value])),
    };
  });
}

/** The trace once `complete` says so (spans arrive in batches), or what came in `ms`. */
export async function readTrace(
  queryUrl: string,
  traceId: string,
  complete: (spans: ReadSpan[]) => boolean,
  ms = 15_000,
): Promise<ReadSpan[]> {
  const deadline = Date.now() + ms;
  let spans: ReadSpan[] = [];
  while (Date.now() < deadline) {
    spans = await fetchTrace(queryUrl, traceId);
    if (complete(spans)) return spans;
    await new Promise((r) => setTimeout(r, 200));
  }
  return spans;
}

/** The chain of span names from `span` up to the trace's root. */
export function ancestry(spans: ReadSpan[], span: ReadSpan | undefined): string[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const chain: string[] = [];
  for (let s = span; s; s = s.parentId ? byId.get(s.parentId) : undefined) chain.push(s.name);
  return chain;
}
