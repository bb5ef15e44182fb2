/**
 * Distributed tracing (OpenTelemetry), with the standard OTEL_* variables: the SDK reads
 * them itself; here they are checked, so a typo stops the process instead of silently
 * tracing nothing. Tracing is off unless an OTLP endpoint is set.
 */
import Joi from 'joi';
import { oneOf, optional, type EnvOf } from './variables';

const endpoint = optional(Joi.string().uri({ scheme: ['http', 'https'] }));

export const tracingVariables = {
  /** Where spans go (OTLP over HTTP): Jaeger's collector is http://localhost:4318. */
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
  OTEL_SERVICE_NAME: optional(Joi.string().max(100)),
  OTEL_TRACES_SAMPLER: optional(
    oneOf(
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ),
  ),
  OTEL_TRACES_SAMPLER_ARG: optional(Joi.number().min(0).max(1)),
  OTEL_SDK_DISABLED: Joi.boolean().default(false),
};

export const tracingConfig = (env: EnvOf<typeof tracingVariables>) => ({
  tracing: {
    enabled:
      !env.OTEL_SDK_DISABLED &&
      (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) !== undefined,
    /** Unset: conduit-api for the server, conduit-worker for the worker. */
    serviceName: env.OTEL_SERVICE_NAME,
  },
});
