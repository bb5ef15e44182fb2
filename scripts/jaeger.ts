/**
 * `npm run jaeger`: Jaeger on this machine for local tracing — OTLP in on :4318, the query
 * API on http://localhost:16686 — built once from the Go module proxy. Then run the API
 * with OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 (docs/debugging.md).
 * `npm run jaeger -- --build` only builds it (a no-op when cached), as CI does.
 */
import { JAEGER, ensureTool } from './lib/go-tools';
import { startJaeger } from './lib/jaeger';

async function main() {
  if (process.argv.includes('--build')) {
    console.log(`Jaeger ready: ${await ensureTool(JAEGER, 'jaeger')}`);
    return;
  }
  const jaeger = await startJaeger({ otlpHttpPort: 4318, queryPort: 16686 });
  console.log(`Jaeger is up: OTLP ${jaeger.otlpEndpoint}, query API and UI ${jaeger.queryUrl}`);
  console.log(
    `Run the API with OTEL_EXPORTER_OTLP_ENDPOINT=${jaeger.otlpEndpoint} (Ctrl-C stops Jaeger)`,
  );
  const stop = () => void jaeger.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  jaeger.process.once('exit', (code) => process.exit(code ?? 1));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
