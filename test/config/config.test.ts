import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment } from '../../src/config/config.js';
import { tempDir } from '../helpers/test-server.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir).toMatch(/data$/);
    expect(c.defaultLanguage).toBe('vi');
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', DEFAULT_LANGUAGE: 'fr', USER_KEY_SECRET: 'short' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('"abc"');
      expect(msg).toContain('DEFAULT_LANGUAGE');
      expect(msg).toContain('USER_KEY_SECRET');
      expect(msg).not.toContain('"short"'); // secrets are never echoed
    }
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '0' })).toThrow(/PORT/);
    expect(() => loadConfig({ REVIEW_SAMPLE_RATE: '1.5' })).toThrow(/REVIEW_SAMPLE_RATE.*between 0 and 1/);
    expect(loadConfig({ REVIEW_SAMPLE_RATE: '0.25' }).reviewSampleRate).toBe(0.25);
  });

  it('reads .env, and the real environment wins', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'PORT=4000\nDEFAULT_LANGUAGE=en\n');
    const env = readEnvironment({ PORT: '5000' }, dir);
    const c = loadConfig(env);
    expect(c.port).toBe(5000);
    expect(c.defaultLanguage).toBe('en');
  });
});
