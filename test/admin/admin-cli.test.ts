import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/staff.js';
import { ROOT, startTestServer, tempDir } from '../helpers/test-server.js';

const run = promisify(execFile);
const cli = (dataDir: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

describe('npm run admin', () => {
  it('adds, lists and removes staff accounts that can then sign in to the console', async () => {
    const dataDir = tempDir();
    expect(await cli(dataDir, ['add-user', 'lan', '--role', 'admin', '--password', 'mat-khau-rat-dai'])).toMatchObject({ code: 0, out: expect.stringContaining('added lan (admin)') });
    expect(await cli(dataDir, ['add-user', 'lan', '--role', 'admin', '--password', 'mat-khau-rat-dai'])).toMatchObject({ code: 1, out: expect.stringContaining('exists') });
    expect(await cli(dataDir, ['add-user', 'l\u0430n', '--role', 'admin', '--password', 'mat-khau-rat-dai'])).toMatchObject({ code: 1, out: expect.stringContaining('Latin letters') });
    expect(await cli(dataDir, ['add-user', 'Lân', '--role', 'admin', '--password', 'mat-khau-rat-dai'])).toMatchObject({ code: 1, out: expect.stringContaining('reads the same') });
    expect(await cli(dataDir, ['add-user', 'minh', '--role', 'boss', '--password', 'mat-khau-rat-dai'])).toMatchObject({ code: 1, out: expect.stringContaining('--role must be admin or reviewer') });
    expect(await cli(dataDir, ['add-user', 'minh', '--role', 'reviewer', '--password', 'short'])).toMatchObject({ code: 1, out: expect.stringContaining('at least 10') });
    expect(await cli(dataDir, ['frobnicate'])).toMatchObject({ code: 1, out: expect.stringContaining('usage') });

    // Without --password it asks (here on a pipe, as a script would answer).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', 'add-user', 'minh', '--role', 'reviewer'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end('mat-khau-cua-minh\n');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    expect(out).toContain('password for minh');

    const list = await cli(dataDir, ['list-users']);
    expect(list.out).toMatch(/lan\tadmin/);
    expect(list.out).toMatch(/minh\treviewer/);
    expect(list.out).not.toContain('scrypt');

    const s = await startTestServer({ DATA_DIR: dataDir });
    try {
      const minh = await signIn(s.url, 'minh', 'mat-khau-cua-minh');
      expect((await minh.get('/admin/questions')).status).toBe(200);
      expect(await cli(dataDir, ['remove-user', 'minh'])).toMatchObject({ code: 0 });
      expect((await minh.get('/admin/questions')).status).toBe(303);
    } finally {
      await s.close();
    }
  });
});
