import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/srv/sahayak');
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('loadConfig', () => {
  it('gives working defaults for the embedded mode', () => {
    const c = loadConfig({}, '/srv/sahayak');
    expect(c).toMatchObject({
      port: 3000,
      dataDir: '/srv/sahayak/data',
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      seedDemo: true,
    });
  });

  it('names every bad variable and what is allowed', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/port number.*"eighty"/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgres:\/\//);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('SEED_DEMO:'))).toMatch(/true or false/);
  });

  it('refuses half of the admin pair and cluster mode without PostgreSQL', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'a@b.test' })[0]).toMatch(/ADMIN_EMAIL and ADMIN_PASSWORD/);
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379' })[0]).toMatch(/^REDIS_URL: .*DATABASE_URL/);
  });

  it('makes cookies Secure behind an https PUBLIC_URL, and treats empty values as unset', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://help.example.com/', PORT: '' }, '/x');
    expect(c.publicUrl).toBe('https://help.example.com');
    expect(c.secureCookies).toBe(true);
    expect(c.port).toBe(3000);
  });

  it('trusts X-Forwarded-For only from the proxies named in TRUST_PROXY', () => {
    expect(loadConfig({}, '/x').trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }, '/x').trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }, '/x').trustProxy).toBe('10.0.0.0/8, 192.168.1.5');
    expect(problemsOf({ TRUST_PROXY: 'true' })[0]).toMatch(/^TRUST_PROXY: must be comma-separated proxy addresses/);
  });
});
