/** `npm start`: load the configuration, build the app, serve HTTP; stop cleanly on SIGTERM/SIGINT. */
import { registerStaffConsole } from './admin/console.js';
import { staffConsoleDeps } from './admin/console-deps.js';
import { createApp } from './app.js';
import { createPlatforms } from './channels/platforms.js';
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { createHttpServer } from './http/server.js';
import { ContentError } from './knowledge/content-error.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const app = createApp(config);
  // The platforms log through the server's logger, which exists once the server is built below.
  const log = { info: (m: string) => server.log.info(m), warn: (m: string) => server.log.warn(m), error: (m: string) => server.log.error(m) };
  const platforms = createPlatforms(config, app, log);
  const server = createHttpServer({
    handle: app.handle,
    t: app.i18n.t,
    checkStorage: () => void app.db.prepare('SELECT 1').get(),
    logger: { level: config.logLevel },
    routes: [(s) => platforms.register(s), (s) => registerStaffConsole(s, staffConsoleDeps(app))],
  });
  // Retention: at start, then every hour.
  const purge = () => {
    try {
      const n = app.purgeExpired();
      if (Object.values(n).some((c) => c > 0)) server.log.info({ purged: n }, 'retention purge');
    } catch (err) {
      server.log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'retention purge failed');
    }
  };
  const purgeTimer = setInterval(purge, 3_600_000);
  purgeTimer.unref();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    clearInterval(purgeTimer);
    await server.close(); // stops accepting, waits for in-flight requests
    await platforms.stop(); // stops polling, sends what is queued
    app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  platforms.resume();
  await server.listen({ port: config.port, host: config.host });
  await platforms.start();
  purge();
  server.log.info(`Trợ lý BHXH: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (${app.faq().topics().length} topics)`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ContentError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
