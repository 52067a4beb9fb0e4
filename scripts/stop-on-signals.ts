/** Runs `stop` once on Ctrl-C or SIGTERM, then exits: a second signal while stopping is ignored. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: menghentikan / stopping…`);
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void handle('SIGINT'));
  process.on('SIGTERM', () => void handle('SIGTERM'));
}
