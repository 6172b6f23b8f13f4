export async function main(argv: readonly string[]): Promise<void> { void argv; }
