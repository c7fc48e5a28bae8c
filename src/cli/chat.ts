/** `npm run chat`: the bot in the terminal, on the same core and the same SQLite file as the server. */
import { userInfo } from 'node:os';
import { createApp } from '../app.js';
import { runConsoleChat } from '../channels/console/console-chat.js';
import { ConfigError, loadConfig, readEnvironment } from '../config/config.js';
import { ContentError } from '../knowledge/content-error.js';

try {
  const config = loadConfig(readEnvironment());
  const app = createApp(config);
  await runConsoleChat({
    handle: app.handle,
    t: app.i18n.t,
    input: process.stdin,
    output: process.stdout,
    platformId: `terminal:${userInfo().username}`,
    lang: config.defaultLanguage,
  });
  app.close();
} catch (err) {
  if (err instanceof ConfigError || err instanceof ContentError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
