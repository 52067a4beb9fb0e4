/**
 * Node flags of the embedded server's process: `npm start` (package.json), the Playwright stack
 * and the benchmarks all run it with these, so the bench measures the server as it is run.
 *
 * --max-semi-space-size=32: a submission allocates request, response and header objects that die
 * young; a 32 MB nursery (V8's default is at most 16 MB) lets them die there instead of being promoted
 * and swept later, which took submitResponse at 50 clients from about 1,400/s with a p99 of 57 ms
 * to about 1,800–2,300/s with a p99 of 42–50 ms on the 2-core bench machine.
 */
export const serverNodeFlags = ['--max-semi-space-size=32'] as const;
