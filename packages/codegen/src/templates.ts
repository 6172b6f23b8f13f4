import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The templates Retort renders; projects may override each one. */
export const TEMPLATE_NAMES = ['up.sql', 'down.sql', 'meta.json', 'schema.ts'] as const;

/** A template name such as `'up.sql'` (file `up.sql.hbs`). */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Folder of the templates shipped with @retort/codegen. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

type Render = (context: object) => string;
type Handlebars = typeof import('handlebars');
const compiled = new Map<string, Render>();
let handlebars: Promise<Handlebars> | undefined;

/**
 * Renders a template: the project's copy (`<templatesDir>/<name>.hbs`, written by
 * `retort init --templates`) wins over the shipped one. Helpers: `json` (JSON text),
 * `join` (array joined by a separator).
 *
 * @example
 * ```ts
 * const text = await renderTemplate('up.sql', { id: 'a1', title: 'init', parents: [], up: 'CREATE TABLE t (id int);' });
 * ```
 */
export async function renderTemplate(name: TemplateName, context: object, templatesDir?: string): Promise<string> {
  const file = templateFile(name, templatesDir);
  let render = compiled.get(file);
  if (render === undefined) {
    const instance = (await (handlebars ??= loadHandlebars())).create();
    instance.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
    instance.registerHelper('join', (value: unknown, separator: unknown) =>
      Array.isArray(value) ? value.join(typeof separator === 'string' ? separator : ', ') : '',
    );
    const template = instance.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: false });
    render = (context) => template(context);
    compiled.set(file, render);
  }
  return render(context);
}

/** The file a template is read from: the project's override if present, else the shipped one. */
export function templateFile(name: TemplateName, templatesDir?: string): string {
  if (templatesDir !== undefined) {
    const own = join(templatesDir, `${name}.hbs`);
    if (existsSync(own)) return own;
  }
  return join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`);
}

async function loadHandlebars(): Promise<Handlebars> {
  // handlebars is CommonJS: its API is the default export under ESM.
  const module = (await import('handlebars')) as Handlebars & { default?: Handlebars };
  return module.default ?? module;
}
