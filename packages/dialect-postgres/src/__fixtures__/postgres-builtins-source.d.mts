/** Catalog queries the generated builtins module is made from, by table. */
export declare const builtinsQueries: Record<'types' | 'casts' | 'operators' | 'functions' | 'keywords', string>;
/** The TypeScript module text for the rows of each query. */
export declare function renderBuiltins(rows: Record<string, Record<string, unknown>[]>): string;
