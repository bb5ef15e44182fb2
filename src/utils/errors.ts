/**
 * The one error model. Services throw these; the central error handler turns any of them
 * into `{ errors: { <field or body>: [messages] }, code, requestId }` with its status.
 */
export type ErrorMap = Record<string, string[]>;

export class AppError extends Error {
  /** Sent as `Retry-After` (429, 503). */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: ErrorMap,
  ) {
    super(
      Object.entries(errors)
        .map(([k, v]) => `${k} ${v.join(', ')}`)
        .join('; '),
    );
    this.name = new.target.name;
  }
}

/** 422: the request is well-formed but its content is invalid (RealWorld's choice). */
export class ValidationError extends AppError {
  constructor(errors: ErrorMap) {
    super(422, 'VALIDATION_FAILED', errors);
  }
}

export class BadRequestError extends AppError {
  constructor(message = 'is malformed', field = 'body', code = 'BAD_REQUEST') {
    super(400, code, { [field]: [message] });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required', field = 'credentials', code = 'UNAUTHORIZED') {
    super(401, code, { [field]: [message] });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'you are not allowed to do this', field = 'body') {
    super(403, 'FORBIDDEN', { [field]: [message] });
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource', message = 'not found') {
    super(404, 'NOT_FOUND', { [what]: [message] });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'is too large', field = 'body', code = 'PAYLOAD_TOO_LARGE') {
    super(413, code, { [field]: [message] });
  }
}

/** 412: a condition the client set (If-Match, If-Unmodified-Since) does not hold. */
export class PreconditionFailedError extends AppError {
  constructor(message = 'does not match the current version', field = 'precondition') {
    super(412, 'PRECONDITION_FAILED', { [field]: [message] });
  }
}

/** 416: no requested range overlaps the content. */
export class RangeNotSatisfiableError extends AppError {
  constructor(size: number) {
    super(416, 'RANGE_NOT_SATISFIABLE', { range: [`is outside the ${size} bytes of the file`] });
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'too many requests, please try again later', retryAfterSeconds?: number) {
    super(429, 'RATE_LIMITED', { body: [message] });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 503: a dependency is down; the answer carries `Retry-After`. Logged once per outage, not here. */
export class ServiceUnavailableError extends AppError {
  constructor(dependency: string, message = 'is unavailable', retryAfterSeconds = 5) {
    super(503, 'SERVICE_UNAVAILABLE', { [dependency]: [message] });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 415: a body in a charset, encoding or media type the API does not take. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, field = 'body') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', { [field]: [message] });
  }
}
