// Properties our middleware adds to Express requests.
declare global {
  namespace Express {
    interface Request {
      /** Set by auth.required / auth.optional when a valid token came with the request. */
      auth?: import('../services/permissions').Actor;
      /** Set by the request-id middleware. */
      id: string;
      /** Values validated (and converted) by the validate middleware, keyed like the schema. */
      validated: {
        params?: Record<string, unknown>;
        query?: Record<string, unknown>;
        body?: Record<string, unknown>;
      };
    }
  }
}

export {};
