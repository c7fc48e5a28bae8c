/** `npm start`: load the configuration, build the app, serve HTTP; stop cleanly on SIGTERM/SIGINT. */
import { createApp } from './app.js';
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { createHttpServer } from './http/server.js';
import { ContentError } from './knowledge/content-error.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const app = createApp(config);
  const server = createHttpServer({
    handle: app.handle,
    t: app.i18n.t,
    checkStorage: () => void app.db.prepare('SELECT 1').get(),
    logger: { level: config.logLevel },
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    await server.close(); // stops accepting, waits for in-flight requests
    app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await server.listen({ port: config.port, host: config.host });
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
