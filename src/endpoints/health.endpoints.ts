import { endpoint } from './endpoint';

export const live = endpoint({
  summary: 'Liveness: the process is up',
  success: { status: 200, schema: 'LiveResponse' },
});

export const ready = endpoint({
  summary: 'Readiness: the database answers',
  success: { status: 200, schema: 'ReadyResponse' },
  errors: [503],
});

export const metrics = endpoint({
  summary:
    'Prometheus metrics (with METRICS_TOKEN set): send `Authorization: Bearer <METRICS_TOKEN>`',
  success: { status: 200, mediaType: 'text/plain', description: 'Prometheus text format 0.0.4' },
  errors: [401],
});
