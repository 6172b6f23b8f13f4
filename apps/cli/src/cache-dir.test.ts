import { cacheDir, hash } from './cache-dir.js';

describe('cache names', () => {
  test('hash is 16 hex digits, stable, and tells close inputs apart', () => {
    expect(hash('/repo/migrations')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash('/repo/migrations')).toBe(hash('/repo/migrations'));
    const names = ['/repo/migrations', '/repo/migration', '/repo/migrationt', '/repo2/migrations', 'sqlite:./dev.db', 'sqlite:./dev.dc', ''];
    expect(new Set(names.map(hash)).size).toBe(names.length);
  });

  test('RETORT_CACHE_DIR wins; otherwise a folder keyed by the project', () => {
    expect(cacheDir('/nowhere/project', { RETORT_CACHE_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(cacheDir('/nowhere/project')).toMatch(new RegExp(`retort-cache-${hash('/nowhere/project')}$`));
  });
});
