/**
 * The real-time gateway: Socket.IO on the API's own HTTP server, at /socket.io.
 * Handshakes authenticate like HTTP requests (handshake.ts); each socket joins its
 * user's room; client events are checked and acknowledged (client-events.ts); domain
 * events are pushed to rooms (pushes.ts). With Redis, rooms span every instance.
 * The contract is in contract.ts and documented at /docs/asyncapi.json.
 */
import type { Server as HttpServer } from 'node:http';
import cookieParser from 'cookie-parser';
import { Server } from 'socket.io';
import type { RedisClient } from '../db/redis';
import type { EventBus } from '../events/event-bus';
import type { Sessions } from '../middleware/session';
import type { Services } from '../services';
import { logger } from '../utils/logger';
import { createClientEvents, type SocketLimits } from './client-events';
import { userRoom } from './contract';
import { authenticateHandshake } from './handshake';
import { subscribePushes, type GatewayServer } from './pushes';
import { createRedisAdapter } from './redis-adapter';

export interface RealtimeSettings extends SocketLimits {
  corsOrigins: string[];
  deliveryAckTimeoutMs: number;
  keyPrefix: string;
}

export interface RealtimeDeps {
  services: Pick<Services, 'accessTokens' | 'credentials' | 'articles' | 'messages'>;
  events: EventBus;
  sessions: Sessions;
  redis?: RedisClient;
}

// setTimeout holds at most 2^31 - 1 ms (~24.8 days); a token living longer gets no timer.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function attachRealtime(server: HttpServer, settings: RealtimeSettings, deps: RealtimeDeps) {
  const { services, events } = deps;
  const io: GatewayServer = new Server(server, {
    path: '/socket.io',
    // /socket.io/socket.io.min.js, for public/live.html (same origin, so the CSP allows it).
    serveClient: true,
    // Past this the connection itself is closed; below it, big events get an error ack.
    maxHttpBufferSize: settings.maxEventBytes * 4,
    cors: {
      origin: (origin, callback) =>
        callback(
          null,
          !origin || settings.corsOrigins.includes('*') || settings.corsOrigins.includes(origin),
        ),
      credentials: true,
    },
  });
  const redisAdapter = deps.redis && createRedisAdapter(deps.redis, settings.keyPrefix);
  if (redisAdapter) io.adapter(redisAdapter.adapter);

  // The cookie session, for browsers signed in with it (Socket.IO's documented way).
  io.engine.use(cookieParser());
  io.engine.use(deps.sessions.ifCookie);
  io.use(authenticateHandshake({ ...services, corsOrigins: settings.corsOrigins }));

  const clientEvents = createClientEvents(services, settings);
  io.on('connection', (socket) => {
    const { userId, expiresAt } = socket.data;
    void socket.join(userRoom(userId));
    clientEvents.listen(socket);
    const untilExpiry = expiresAt ? expiresAt.getTime() - Date.now() : Infinity;
    if (untilExpiry < MAX_TIMER_MS) {
      const timer = setTimeout(() => {
        socket.emit('auth:expired');
        socket.disconnect(true);
      }, untilExpiry);
      socket.on('disconnect', () => clearTimeout(timer));
    }
    logger.debug('socket connected', { socketId: socket.id, userId });
    socket.on('disconnect', (reason) =>
      logger.debug('socket disconnected', { socketId: socket.id, userId, reason }),
    );
  });
  const unsubscribe = subscribePushes(io, {
    events,
    messages: services.messages,
    deliveryAckTimeoutMs: settings.deliveryAckTimeoutMs,
  });

  return {
    io,
    /**
     * For a graceful shutdown: closes every socket of this instance with a clean close
     * (clients reconnect, to another instance behind a load balancer). The HTTP server
     * itself is left to its own drain.
     */
    async close(): Promise<void> {
      unsubscribe();
      io.engine.close();
      await io.of('/').adapter.close();
      await redisAdapter?.close();
    },
  };
}

export type RealtimeGateway = ReturnType<typeof attachRealtime>;
