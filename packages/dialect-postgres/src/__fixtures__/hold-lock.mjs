// Child process for the lock tests: takes the migration lock through the built package,
// says "locked", and holds it until killed. Usage: node hold-lock.mjs <url> <key>
const [url, key] = process.argv.slice(2);
const { connect } = await import(new URL('../../dist/index.js', import.meta.url).href);
const conn = await connect({ url });
await conn.acquireLock({ key, timeoutMs: 10_000 });
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
