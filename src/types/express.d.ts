// Properties our middleware adds to Express requests.
declare global {
  namespace Express {
    interface Request {
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
