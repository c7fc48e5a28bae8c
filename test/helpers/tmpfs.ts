/** A small tmpfs for storage-fault tests (needs root); skips the test, loudly, where it cannot be mounted. For tests only. */
import { spawnSync } from 'node:child_process';
import { tempDir } from './test-server.js';

export function mountTmpfs(size: string, why: string, ctx: { skip(): void }): string {
  const mountPoint = tempDir('bhxh-tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]);
  if (mounted.status !== 0) {
    console.warn(`\n*** SKIPPED: ${why} needs to mount a tmpfs (root): ${String(mounted.stderr).trim() || mounted.error?.message} ***\n`);
    ctx.skip();
  }
  return mountPoint;
}
