/**
 * The project's errors in GraphQL's shape: an AppError thrown by a service keeps its
 * code, HTTP status and field details in `extensions`; anything unknown is logged and
 * answered as INTERNAL_ERROR without internals (as the REST error handler does).
 */
import { GraphQLError } from 'graphql';
import { toAppError } from '../utils/translate-error';
import { logger } from '../utils/logger';

export function formatError(
  error: Readonly<Error | GraphQLError>,
  exposeInternals: boolean,
): GraphQLError {
  // Not a GraphQLError: graphql-http refusing the request itself ("Missing query").
  if (!(error instanceof GraphQLError)) return new GraphQLError(error.message);
  const err = error;
  const cause = err.originalError;
  // Syntax and validation errors (no cause) are GraphQL's own: passed through.
  if (!cause || cause instanceof GraphQLError) return err;
  const appError = toAppError(cause);
  if (!appError) logger.error('graphql resolver failed', { error: cause, path: err.path });
  const message = appError?.message ?? (exposeInternals ? cause.message : 'internal error');
  return new GraphQLError(message, {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    extensions: {
      code: appError?.code ?? 'INTERNAL_ERROR',
      status: appError?.status ?? 500,
      errors: appError?.errors ?? { body: ['internal error'] },
    },
  });
}
