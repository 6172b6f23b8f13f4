import { join } from 'node:path';
import type { Settings } from '@retort/core';

/** The project's templates folder: the configured one, else `retort-templates` beside the config. */
export function templatesDir(settings: Settings, root: string): string {
  return settings.templates ?? join(root, 'retort-templates');
}
