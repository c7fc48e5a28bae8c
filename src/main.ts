/** `npm start`: load the configuration, start the service, stop cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { ContentError } from './knowledge/content-error.js';
import { createService } from './service.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const service = createService(config);
  const stop = async (signal: string) => {
    service.server.log.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await service.start();
  service.server.log.info(`Trợ lý BHXH: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (${service.app.faq().topics().length} topics)`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ContentError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
