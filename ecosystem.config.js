/**
 * PM2: `npm run build && npm run start:pm2`. Cluster mode — one worker per core, or
 * PM2_INSTANCES — sharing the port; `pm2 reload conduit` replaces workers one at a time
 * with no request lost: a new worker gets traffic only once it has said `ready` (its
 * database is up, src/server.ts), then the old one drains (SIGINT, graceful shutdown).
 *
 * Every worker must use the same database: set MONGODB_URI (`npm run db` prints one for
 * the embedded database). Checked with the real pm2 by tests/deploy/pm2.test.ts.
 */
const path = require('node:path');

if (!process.env.MONGODB_URI)
  throw new Error('PM2 workers share one database: set MONGODB_URI (`npm run db` prints one)');

const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10000);
const logDir = process.env.PM2_LOG_DIR || path.join(__dirname, 'logs');

module.exports = {
  apps: [
    {
      name: 'conduit',
      script: 'dist/server.js',
      cwd: __dirname,
      node_args: '--enable-source-maps',
      exec_mode: 'cluster',
      instances: process.env.PM2_INSTANCES || 'max',
      // Ready means listening with the database up; give a cold start that long.
      wait_ready: true,
      listen_timeout: 30000,
      // Past the app's own shutdown budget, so PM2 never SIGKILLs a draining worker.
      kill_timeout: shutdownTimeoutMs + 5000,
      max_memory_restart: process.env.PM2_MAX_MEMORY || '512M',
      exp_backoff_restart_delay: 100,
      out_file: path.join(logDir, 'pm2-out.log'),
      error_file: path.join(logDir, 'pm2-error.log'),
      env: { LOG_FORMAT: 'json' },
    },
    // The worker takes the API's jobs from RabbitMQ: only when there is one (AMQP_URL).
    ...(process.env.AMQP_URL
      ? [
          {
            name: 'conduit-worker',
            script: 'dist/worker.js',
            cwd: __dirname,
            node_args: '--enable-source-maps',
            exec_mode: 'fork',
            instances: 1,
            kill_timeout: shutdownTimeoutMs + 5000,
            exp_backoff_restart_delay: 100,
            out_file: path.join(logDir, 'pm2-worker-out.log'),
            error_file: path.join(logDir, 'pm2-worker-error.log'),
            env: { LOG_FORMAT: 'json' },
          },
        ]
      : []),
  ],
};
