/** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * A name cut to 63 bytes as PostgreSQL truncates identifiers (never inside a character).
 *
 * @example
 * ```ts
 * truncateIdentifier('a'.repeat(70)).length; // 63
 * ```
 */
export function truncateIdentifier(name: string): string {
  return clip(name, MAX_IDENTIFIER_BYTES);
}

/**
 * PostgreSQL's makeObjectName: `name1_name2_label` cut to 63 bytes by shortening the
 * longer of the two names first, as the server names implicit constraints and indexes.
 *
 * @example
 * ```ts
 * makeObjectName('users', 'email', 'key'); // 'users_email_key'
 * ```
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  // Most names are short ASCII: no cutting to do.
  const plain = name2 === undefined ? `${name1}_${label}` : `${name1}_${name2}_${label}`;
  if (plain.length <= MAX_IDENTIFIER_BYTES && /^[\x00-\x7f]*$/.test(plain)) return plain;
  let n1 = bytes(name1);
  let n2 = name2 === undefined ? 0 : bytes(name2);
  const overhead = (name2 === undefined ? 0 : 1) + label.length + 1;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const first = clip(name1, n1);
  return name2 === undefined ? `${first}_${label}` : `${first}_${clip(name2, n2)}_${label}`;
}

/**
 * The column part of an implicit index or foreign-key name: the names joined by `_`, stopping
 * once 63 bytes are reached (ChooseIndexNameAddition, ChooseForeignKeyConstraintNameAddition).
 *
 * @example
 * ```ts
 * columnsAddition(['org_id', 'email']); // 'org_id_email'
 * ```
 */
export function columnsAddition(columns: readonly string[]): string {
  let out = '';
  for (const name of columns) {
    if (out !== '') out += '_';
    out += clip(name, MAX_IDENTIFIER_BYTES);
    if (bytes(out) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return out;
}

/**
 * The name PostgreSQL gives an unnamed primary key of `table`.
 *
 * @example
 * ```ts
 * defaultPrimaryKeyName('users'); // 'users_pkey'
 * ```
 */
export function defaultPrimaryKeyName(table: string): string {
  return makeObjectName(table, undefined, 'pkey');
}

/**
 * The name PostgreSQL gives an unnamed unique constraint.
 *
 * @example
 * ```ts
 * defaultUniqueName('users', ['email']); // 'users_email_key'
 * ```
 */
export function defaultUniqueName(table: string, columns: readonly string[]): string {
  return makeObjectName(table, columnsAddition(columns), 'key');
}

/**
 * The name PostgreSQL gives an unnamed foreign key.
 *
 * @example
 * ```ts
 * defaultForeignKeyName('orders', ['user_id']); // 'orders_user_id_fkey'
 * ```
 */
export function defaultForeignKeyName(table: string, columns: readonly string[]): string {
  return makeObjectName(table, columnsAddition(columns), 'fkey');
}

/**
 * The name PostgreSQL gives an unnamed CHECK: `table_column_check` when it names one column, else `table_check`.
 *
 * @example
 * ```ts
 * defaultCheckName('items', 'qty'); // 'items_qty_check'
 * ```
 */
export function defaultCheckName(table: string, column: string | undefined): string {
  return makeObjectName(table, column, 'check');
}


function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function clip(s: string, maxBytes: number): string {
  if (bytes(s) <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}
