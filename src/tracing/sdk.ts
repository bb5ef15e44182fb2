/**
 * The OpenTelemetry SDK for Node with the instrumentations this app's libraries need:
 * incoming and outgoing HTTP (the OIDC provider too), the Express route, MongoDB (the
 * driver under Mongoose), Redis (ioredis), RabbitMQ (amqplib), GraphQL and Socket.IO;
 * winston's lines get the trace and span ids. The exporter, its endpoint and the sampler
 * come from the standard OTEL_* variables (src/config/tracing.ts), read by the SDK.
 */
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { SocketIoInstrumentation } from '@opentelemetry/instrumentation-socket.io';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Probes and scrapes come every few seconds and say nothing about a request: not traced. */
const UNTRACED = /^\/(health|metrics)\b/;

/** @public (required by src/instrument.ts only when tracing is on, which knip cannot follow) */
export function startTracing(serviceName: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? '') }),
      // The route and its handler; not a span for every middleware every request passes.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new MongoDBInstrumentation(),
      new IORedisInstrumentation(),
      new AmqplibInstrumentation(),
      // One span per operation and per non-trivial resolver, not one per scalar field.
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new SocketIoInstrumentation(),
      // Trace ids into every log line; the lines themselves still go where winston sends them.
      new WinstonInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  return sdk;
}
