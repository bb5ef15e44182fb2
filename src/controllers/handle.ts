/**
 * An endpoint's handler, named once on its route line:
 *   router.post('/:slug/favorite', auth.required, c.favorite);
 * `handle(spec, fn)` checks the request against the spec's Joi schemas (422 with every
 * problem) and calls `fn` with the checked input, typed from those schemas — controllers
 * never cast. The spec rides on the handler, where the OpenAPI document finds it in
 * Express's own route table (src/docs/openapi.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import { takesNoInput, validateInput, type EndpointSpec, type Input } from '../endpoints/endpoint';

export type Handler = RequestHandler & { spec: EndpointSpec };

export function handle<S extends EndpointSpec>(
  spec: S,
  fn: (input: Input<S>, req: Request, res: Response) => Promise<void> | void,
): Handler {
  // An endpoint that takes no input (probes) is validated once, not per request.
  const none = takesNoInput(spec) ? validateInput(spec, {}) : undefined;
  const handler: RequestHandler = async (req, res) => {
    await fn(none ?? validateInput(spec, req), req, res);
  };
  return Object.assign(handler, { spec });
}
