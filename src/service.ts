/**
 * The whole bot service as `npm start` runs it: the app, the platforms (polling or webhooks), the one HTTP
 * server with the web chat and the staff console, the hourly retention purge, and a graceful stop. main.ts adds
 * only the process around it (signals, exit codes); the tests start the same service on 127.0.0.1.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { registerStaffConsole } from './admin/console.js';
import { staffConsoleDeps } from './admin/console-deps.js';
import { createApp, type App } from './app.js';
import { createPlatforms, type Platforms } from './channels/platforms.js';
import type { Config } from './config/config.js';
import { createHttpServer } from './http/server.js';
import { warmUp } from './knowledge/warm-up.js';
import { UNANSWERED_PER_PURGE } from './storage/sqlite/retention.js';

const PURGE_EVERY_MS = 3_600_000;

export interface Service {
  app: App;
  platforms: Platforms;
  server: FastifyInstance;
  /** Sends what a crash left in the outbox, listens, starts the platforms, purges once; the address. */
  start(): Promise<string>;
  /** Stops accepting, finishes in-flight requests, sends what is queued, writes the counts, closes the database. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger?: FastifyServerOptions['logger'];
  /** The wall clock (tests inject one; never read elsewhere). */
  clock?: () => number;
}

export function createService(config: Config, options: ServiceOptions = {}): Service {
  const app = createApp(config, options.clock, {
    onTurnError: (err, where) => server.log.error({ err: { message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }, where }, 'turn failed'),
  });
  // The platforms log through the server's logger, which exists once the server is built below.
  const log = { info: (m: string) => server.log.info(m), warn: (m: string) => server.log.warn(m), error: (m: string) => server.log.error(m) };
  const platforms = createPlatforms(config, app, log);
  app.setOutboxKick((channel) => platforms.sendWaiting(channel));
  const server = createHttpServer({
    handle: app.handle,
    inbox: app.webInbox,
    t: app.i18n.t,
    checkStorage: () => app.checkStorage(),
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    chatPerMinute: config.httpRateLimitPerMinute,
    newConversationsPerHour: config.webNewConversationsPerHour,
    https: config.publicUrl !== undefined,
    routes: [(s) => platforms.register(s), (s) => registerStaffConsole(s, staffConsoleDeps(app))],
  });
  // A purge deletes at most UNANSWERED_PER_PURGE queued questions at a time: it goes on, between the bot's turns.
  const purge = async () => {
    try {
      const n = app.purgeExpired();
      for (let batch = n.unanswered; batch >= UNANSWERED_PER_PURGE; n.unanswered += batch) {
        await new Promise((resolve) => setImmediate(resolve));
        if (stopped) break;
        batch = app.purgeExpired().unanswered;
      }
      if (Object.values(n).some((c) => c > 0)) server.log.info({ purged: n }, 'retention purge');
    } catch (err) {
      server.log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'retention purge failed');
    }
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;
  return {
    app,
    platforms,
    server,
    async start() {
      warmUp(app.faq()); // the first citizen after a restart does not pay for compiling the retriever
      platforms.resume(); // before listening: a chat's old replies go out before its new ones
      const address = await server.listen({ port: config.port, host: config.host });
      await platforms.start();
      void purge();
      purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
      purgeTimer.unref();
      return address;
    },
    stop() {
      stopped ??= (async () => {
        clearInterval(purgeTimer);
        await server.close(); // stops accepting, waits for in-flight requests
        await platforms.stop(); // stops polling, sends what is queued
        app.close();
      })();
      return stopped;
    },
  };
}
