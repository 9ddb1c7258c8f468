// Where a running server's CPU goes, per thread: on a core, waiting for one, and how often it is
// switched out, over a window. Sahayak runs its HTTP on the main thread and its ticket commands on
// the writer thread (embedded mode); under load the two can be idle and short of a core at once.
//
//   node bench/thread-cpu.mjs <pid> [seconds=4]
//
// Reads /proc/<pid>/task/*/schedstat (time on a core, time runnable but waiting, in ns) and the
// voluntary / involuntary context switches of each thread's status; prints one row per thread that
// used at least 0.01 cores, busiest first, and the whole machine's idle cores from /proc/stat.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { systemCpu } from './lib.mjs';

const [pid, secondsArg] = process.argv.slice(2);
if (!pid) {
  console.error('usage: node bench/thread-cpu.mjs <pid> [seconds]');
  process.exit(2);
}
const seconds = Number(secondsArg ?? 4);

function threads() {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      out.set(tid, {
        name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '',
        onCpu,
        waiting,
        voluntary: field('voluntary_ctxt_switches'),
        involuntary: field('nonvoluntary_ctxt_switches'),
      });
    } catch {
      // The thread ended while we read it.
    }
  }
  return out;
}

const before = threads();
const machine0 = systemCpu();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const after = threads();
const machine1 = systemCpu();

const rows = [];
for (const [tid, t] of after) {
  const b = before.get(tid) ?? { onCpu: 0, waiting: 0, voluntary: 0, involuntary: 0 };
  const cores = (t.onCpu - b.onCpu) / 1e9 / seconds;
  if (cores < 0.01) continue;
  rows.push({
    tid,
    name: t.name,
    cores,
    waiting: (t.waiting - b.waiting) / 1e9 / seconds,
    voluntary: (t.voluntary - b.voluntary) / seconds,
    involuntary: (t.involuntary - b.involuntary) / seconds,
  });
}
rows.sort((a, b) => b.cores - a.cores);
console.log(`| thread | name | on a core (cores) | waiting for one (cores) | switches/s (voluntary · involuntary) |`);
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.tid} | ${r.name} | ${r.cores.toFixed(2)} | ${r.waiting.toFixed(2)} | ${r.voluntary.toFixed(0)} · ${r.involuntary.toFixed(0)} |`,
  );
}
const cpus = os.availableParallelism();
const total = machine1.totalS - machine0.totalS;
const idle = total - (machine1.busyS - machine0.busyS);
console.log(`\nmachine: ${((idle / total) * cpus).toFixed(2)} of ${cpus} cores idle over ${seconds} s`);
