/** The CLI's version, printed by `--version` and recorded in the history table. */
export const VERSION = '0.1.0';
