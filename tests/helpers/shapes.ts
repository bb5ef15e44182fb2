/** Matchers for the Conduit shapes (../shared/conduit-api.md) and the error shape. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function errorBody(errors: Record<string, unknown>, code?: string) {
  return { errors, code: code ?? expect.any(String), requestId: expect.any(String) };
}
