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
