/**
 * Typed handlers: `handle(spec, fn)` gives `fn` the input that `validate(spec)` checked,
 * typed from the spec's Joi schemas, so controllers never cast. The route line must put
 * `validate` with the same spec before it; src/docs/openapi.ts refuses a route where they
 * differ, so a mismatch fails at start-up, not in a request.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { EndpointSpec, Input } from '../endpoints/endpoint';

export type Handler = RequestHandler & { spec: EndpointSpec };

export function handle<S extends EndpointSpec>(
  spec: S,
  fn: (input: Input<S>, req: Request, res: Response) => Promise<void> | void,
): Handler {
  const handler: RequestHandler = async (req, res) => {
    const validated = req.validated;
    if (validated?.spec !== spec) throw new Error(`no validate(spec) before "${spec.summary}"`);
    // The one cast: validate(spec) produced exactly this shape from spec's schemas.
    await fn(validated.input as Input<S>, req, res);
  };
  return Object.assign(handler, { spec });
}
