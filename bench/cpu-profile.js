// Profiles the process it is preloaded in, as `node --cpu-prof` would (that flag is refused in NODE_OPTIONS):
// BENCH_CDC_NODE_OPTIONS="--require ./bench/cpu-profile.js" npm run bench; the profile is written on SIGTERM
// to $CPU_PROFILE_DIR (default the working directory) and opens in Chrome DevTools or speedscope.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');

// Registered before the service's own handler, and removed at once, so the service still stops as it would.
function write() {
  process.removeListener('SIGTERM', write);
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = resolve(process.env.CPU_PROFILE_DIR ?? '.', `cpu-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
}
process.on('SIGTERM', write);
