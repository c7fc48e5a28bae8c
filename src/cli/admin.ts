/**
 * `npm run admin -- <command>`: staff accounts for the console, in the same database as the bot.
 *   add-user NAME --role admin|reviewer [--password P]   (asks for the password when --password is left out)
 *   list-users
 *   remove-user NAME
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hashPassword, passwordProblem } from '../admin/auth/password.js';
import { staffNameProblem } from '../admin/auth/staff-names.js';
import { DATABASE_FILE } from '../app.js';
import { vietnamDay } from '../core/vietnam-calendar.js';
import { ConfigError, loadConfig, readEnvironment } from '../config/config.js';
import { openDatabase } from '../storage/sqlite/database.js';
import { createSqliteStaffAccounts } from '../storage/sqlite/staff-accounts.js';

const USAGE = `usage:
  npm run admin -- add-user NAME --role admin|reviewer [--password P]
  npm run admin -- list-users
  npm run admin -- remove-user NAME`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Reads a password from the terminal without echoing it (or one line from a pipe). */
function askPassword(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    const output = rl as unknown as { _writeToOutput?: (s: string) => void };
    if (process.stdin.isTTY) {
      process.stdout.write(prompt);
      output._writeToOutput = () => {};
    }
    rl.question(process.stdin.isTTY ? '' : prompt, (answer) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(args: string[]): Promise<number> {
  const config = loadConfig(readEnvironment());
  const db = openDatabase(join(config.dataDir, DATABASE_FILE));
  const accounts = createSqliteStaffAccounts(db);
  try {
    const [command, name] = args;
    if (command === 'list-users') {
      const list = accounts.list();
      if (list.length === 0) console.log('no staff accounts yet');
      for (const a of list) console.log(`${a.name}\t${a.role}\tcreated ${vietnamDay(a.createdAt)}`);
      return 0;
    }
    if (command === 'remove-user' && name) {
      const removed = accounts.remove(name);
      console.log(removed ? `removed ${name}` : `no account named ${name}`);
      return removed ? 0 : 1;
    }
    if (command === 'add-user' && name && !name.startsWith('--')) {
      const role = option(args, '--role');
      if (role !== 'admin' && role !== 'reviewer') return fail('--role must be admin or reviewer');
      const nameProblem = staffNameProblem(name, accounts.list().map((a) => a.name));
      if (nameProblem === 'bad-name') return fail('NAME must be 2–64 Latin letters, digits 0-9, dots, underscores or hyphens');
      if (nameProblem === 'look-alike') return fail(`NAME reads the same as an existing account's name (case and diacritics aside)`);
      let password = option(args, '--password');
      if (password === undefined) {
        password = await askPassword(`password for ${name}: `);
        if (process.stdin.isTTY && (await askPassword('again: ')) !== password) return fail('the two passwords differ');
      }
      const problem = passwordProblem(password);
      if (problem) return fail(`the password ${problem}`);
      if (!accounts.add(name, role, await hashPassword(password), Date.now())) return fail(`an account named ${name} exists`);
      console.log(`added ${name} (${role}); sign in at /admin`);
      return 0;
    }
    return fail(USAGE);
  } finally {
    db.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
