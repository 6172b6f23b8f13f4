// slonik and node-postgres, the libraries the driver runs on, gathered in one module that
// loadLibraries() imports dynamically: importing the dialect loads neither, and the build
// inlines both, with their own dependencies, into this module's chunk.
import pg from 'pg';
import slonik from 'slonik';

/**
 * slonik's and node-postgres's exports (each package's CommonJS `module.exports`, which is
 * what a default import of it is under Node, under jest and in the bundle alike).
 *
 * @example
 * ```ts
 * const { slonik, pg } = await loadLibraries();
 * const client = new pg.Client(config);
 * ```
 */
export const libraries = Object.freeze({ slonik, pg });

/** The type of {@link libraries}. */
export type Libraries = typeof libraries;
