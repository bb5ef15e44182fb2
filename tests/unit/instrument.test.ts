/**
 * src/instrument.ts, the first import of the entry points: tracing off must cost nothing,
 * so the SDK (~28 MB and ~0.3 s to load) is not even loaded; on, it starts once, named for
 * the process. The SDK module is replaced by a recorder here: what it does when it runs is
 * tests/integration/tracing.test.ts's subject, with a real Jaeger.
 */
type Instrument = typeof import('../../src/instrument');

function loadInstrument(env: Record<string, string | undefined>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  const startTracing = jest.fn((name: string) => ({ name }));
  let sdkLoaded = false;
  let tracing: Instrument['tracing'];
  try {
    jest.isolateModules(() => {
      jest.doMock('../../src/tracing/sdk', () => {
        sdkLoaded = true;
        return { startTracing };
      });
      tracing = (jest.requireActual('../../src/instrument') as Instrument).tracing;
    });
  } finally {
    // Restored in place: process.env is not a plain object to swap for another.
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  return { sdkLoaded, startTracing, tracing };
}

describe('src/instrument.ts', () => {
  it('loads no tracing SDK while no OTLP endpoint is set', () => {
    const { sdkLoaded, tracing } = loadInstrument({
      OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
    });
    expect(sdkLoaded).toBe(false);
    expect(tracing).toBeUndefined();
  });

  it('loads no tracing SDK when OTEL_SDK_DISABLED is set, even with an endpoint', () => {
    const { sdkLoaded } = loadInstrument({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SDK_DISABLED: 'true',
    });
    expect(sdkLoaded).toBe(false);
  });

  it('starts the SDK once, as conduit-api, when an OTLP endpoint is set', () => {
    const { sdkLoaded, startTracing, tracing } = loadInstrument({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SDK_DISABLED: undefined,
      OTEL_SERVICE_NAME: undefined,
    });
    expect(sdkLoaded).toBe(true);
    expect(startTracing).toHaveBeenCalledTimes(1);
    expect(startTracing).toHaveBeenCalledWith('conduit-api');
    expect(tracing).toEqual({ name: 'conduit-api' });
  });
});
