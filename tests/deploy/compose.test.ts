/**
 * docker-compose.yml, checked by the real docker-compose (`config`: parsed, interpolated,
 * validated against the Compose schema). No Docker engine runs here, so nothing is started.
 */
import { parse } from 'yaml';
import { run } from './helpers';

const SECRETS = {
  JWT_SECRET: 'j'.repeat(48),
  SESSION_SECRET: 's'.repeat(48),
  SMTP_URL: 'smtp://user:pass@smtp.example.com:587',
};

function composeConfig(env: Record<string, string>) {
  return run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    PATH: process.env.PATH,
    ...env,
  });
}

describe('docker-compose.yml', () => {
  it('is valid, and refuses to start without the production secrets', () => {
    expect(composeConfig(SECRETS).code).toBe(0);
    const missing = composeConfig({});
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/JWT_SECRET/);
  });

  it('runs nginx in front of two app replicas, with MongoDB 7, Redis and RabbitMQ, each health-checked', () => {
    const { services } = parse(composeConfig(SECRETS).output);
    expect(Object.keys(services).sort()).toEqual([
      'app',
      'jaeger',
      'mongo',
      'nginx',
      'rabbitmq',
      'redis',
      'worker',
    ]);
    // Jaeger's image has no shell tools to probe with; the gateway answers 503 without it.
    for (const [name, service] of Object.entries<{ healthcheck?: object }>(services))
      if (name !== 'jaeger')
        expect([name, service.healthcheck]).toEqual([name, expect.any(Object)]);

    expect(services.app.deploy.replicas).toBe(2);
    expect(services.app.ports).toBeUndefined(); // reached through nginx only
    expect(services.app.environment.TRUST_PROXY_HOPS).toBe('1');
    expect(services.mongo.image).toBe('mongo:7.0');
    expect(services.nginx.depends_on.app.condition).toBe('service_healthy');
    expect(services.app.depends_on.mongo.condition).toBe('service_healthy');
    expect(services.app.depends_on.redis.condition).toBe('service_healthy');
    expect(services.app.environment.AMQP_URL).toBe(services.worker.environment.AMQP_URL);
    expect(services.worker.command).toContain('dist/worker.js');
    // Replicas and the worker share uploads: in the database, not on a container's disk.
    expect(services.app.environment.STORAGE_DRIVER).toBe('gridfs');
    expect(services.worker.environment.STORAGE_DRIVER).toBe('gridfs');
    expect(services.worker.depends_on.rabbitmq.condition).toBe('service_healthy');
    const mounts = JSON.stringify(services.nginx.volumes);
    for (const file of [
      'nginx.conf',
      'conduit.conf',
      'conduit-upstreams.conf',
      'conduit-tracing-upstreams.conf',
    ])
      expect(mounts).toContain(`deploy/nginx/${file}`);
    // The gateway's second upstream: the tracing UI under the prefix nginx routes.
    expect(services.jaeger.environment.QUERY_BASE_PATH).toBe('/jaeger');
    // The API and the worker send their spans to it: one trace across both.
    for (const name of ['app', 'worker'])
      expect(services[name].environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
  });
});
