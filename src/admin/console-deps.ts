/** Builds the staff console's dependencies from the app (used by main.ts and the tests). */
import type { App } from '../app.js';
import { createLoginLimiter } from './auth/login-limiter.js';
import { hashPassword } from './auth/password.js';
import { createStaffAuth } from './auth/staff-auth.js';
import type { ConsoleDeps } from './console.js';
import { createSqliteQueueGroups } from '../storage/sqlite/queue-groups.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 3_600_000;

export function staffConsoleDeps(app: App, now: () => number = app.clock): ConsoleDeps {
  return {
    auth: createStaffAuth({
      accounts: app.staffAccounts,
      sessions: app.staffSessions,
      limiter: createLoginLimiter(),
      now,
      idleMs: IDLE_TIMEOUT_MS,
      absoluteMs: ABSOLUTE_TIMEOUT_MS,
    }),
    t: app.i18n.t,
    knowledge: app.knowledge,
    unanswered: app.unanswered,
    queue: createSqliteQueueGroups(app.db),
    staffQueue: app.staffQueue,
    staffThreads: app.staffThreads,
    staffReplies: app.staffReplies,
    metrics: app.metrics,
    deadLetters: () => app.outbox.deadLetters(),
    flows: app.flows,
    accounts: app.staffAccounts,
    hashPassword,
    now,
    secureCookies: app.config.publicUrl !== undefined,
  };
}
