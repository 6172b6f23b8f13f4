import { RetortError, isRetortError } from './errors.js';

describe('RetortError', () => {
  test('maps codes to exit codes and serialises facts', () => {
    const error = new RetortError('E_MULTIPLE_HEADS', 'Multiple heads.', { facts: { heads: ['a', 'b'] } });
    expect(error.exitCode).toBe(2);
    expect(new RetortError('E_LOCK_TIMEOUT', 'x').exitCode).toBe(1);
    expect(error.toJSON()).toEqual({ code: 'E_MULTIPLE_HEADS', message: 'Multiple heads.', heads: ['a', 'b'] });
    expect(isRetortError(error, 'E_MULTIPLE_HEADS')).toBe(true);
    expect(isRetortError(error, 'E_USAGE')).toBe(false);
    expect(isRetortError(new Error('x'))).toBe(false);
  });
});
