// Properties our middleware adds to Express requests.
declare global {
  namespace Express {
    interface Request {
      /** Set by auth.required / auth.optional when a valid credential came with the request. */
      auth?: import('../domain/permissions').Actor;
      /** Set by the request-id middleware. */
      id: string;
      /** Set by the metrics' recordRoute: the matched route's template, e.g. /api/v1/articles/:slug. */
      routeTemplate?: string;
      /** Set by validate(spec): the endpoint's checked and converted input. */
      validated?: {
        spec: import('../endpoints/endpoint').EndpointSpec;
        input: unknown;
      };
    }

    namespace Multer {
      interface File {
        /** Set by our storage engine (middleware/uploads.ts): the file as the API shows it. */
        stored?: { id: string; name: string; size: number; type: string; url: string };
      }
    }
  }
}

export {};
