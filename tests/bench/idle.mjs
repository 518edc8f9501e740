// Shared by the search benchmark and its HiGHS process (a plain module: the latter runs without a bundler).

/**
 * Resolves once this process is idle (under 5 ms of CPU in 250 ms, at most 10 s). V8 goes on compiling
 * WebAssembly and optimising in background threads after a call returns; process CPU time counts those threads,
 * and they run beside whatever is timed next (our 6×20×6 search measured 10× slower right after HiGHS).
 */
export async function quiet() {
  const until = performance.now() + 10_000;
  while (performance.now() < until) {
    const c = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 250));
    const u = process.cpuUsage(c);
    if (u.user + u.system < 5000) return;
  }
}
