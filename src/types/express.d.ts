// Properties our middleware adds to Express requests.
declare global {
  namespace Express {
    interface Request {
      /** Set by auth.required / auth.optional when a valid credential came with the request. */
      auth?: import('../domain/permissions').Actor;
      /** Set by the request-id middleware. */
      id: string;
      /** Set by the metrics' recordMount: where the matched route's router is mounted. */
      routeBase?: string;
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
