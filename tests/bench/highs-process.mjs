// HiGHS in a process of its own, for the search benchmark (tests/bench/search.ts): loaded in the benchmark's
// process, its WebAssembly instance slowed our engine by about 13% on the same case (measured), so each solver
// is timed in a process that holds only itself. Messages: { lp } → { status, wall, cpu, columns } for one solve
// (times taken here, around the solve alone); { idle: true } → { ready } once this process is idle.
import loadHighs from 'highs';
import { quiet } from './idle.mjs';

const highs = await loadHighs();

process.on('message', async ({ lp, idle }) => {
  if (idle) {
    await quiet();
    process.send({ ready: true });
    return;
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  let reply;
  try {
    const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0 });
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const columns = {};
    for (const [name, column] of Object.entries(result.Columns)) columns[name] = { Primal: column.Primal };
    reply = { status: result.Status, wall, cpu: (used.user + used.system) / 1000, columns };
  } catch (error) {
    reply = { status: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
  process.send(reply);
});
process.send({ ready: true });
