import type { Libraries } from './postgres-libraries.js';

let loaded: Promise<Libraries> | undefined;

/**
 * Loads slonik and node-postgres once, on the first connection.
 *
 * Both come from one dynamic import, never two in flight together: the bundled slonik and
 * pg share chunks, and under jest's ESM runtime two concurrent `import()`s whose graphs meet
 * in a module not yet linked fail ("request for 'node:module' is not in cache"): Node's
 * `vm` linker does not wait for a dependency that another import is still linking
 * (jestjs/jest#11434). Node's own loader has no such race.
 *
 * @example
 * ```ts
 * const { slonik, pg } = await loadLibraries();
 * const pool = await slonik.createPool(url, { driverFactory });
 * ```
 */
export function loadLibraries(): Promise<Libraries> {
  loaded ??= import('./postgres-libraries.js').then((module) => module.libraries);
  return loaded;
}
