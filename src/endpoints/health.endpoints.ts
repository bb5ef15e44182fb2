import { endpoint } from './endpoint';

export const live = endpoint({
  summary: 'Liveness: the process is up',
  description:
    'Answers while the process can serve HTTP at all; touches no dependency. For a liveness probe: failing, the process should be restarted.',
  success: { status: 200, schema: 'LiveResponse' },
});

export const ready = endpoint({
  summary: 'Readiness: the database answers',
  description:
    'Whether this instance can serve requests: the database answers a ping within a second. For a readiness probe and load balancers: failing, send traffic elsewhere.',
  success: { status: 200, schema: 'ReadyResponse' },
  errors: [503],
});

export const metrics = endpoint({
  summary:
    'Prometheus metrics (with METRICS_TOKEN set): send `Authorization: Bearer <METRICS_TOKEN>`',
  description:
    'Request counts and durations per route template, cache hits, event-loop delay and process figures, for a Prometheus scraper. Only with METRICS_TOKEN set; the route is not served otherwise.',
  success: { status: 200, mediaType: 'text/plain', description: 'Prometheus text format 0.0.4' },
  errors: [401],
});
