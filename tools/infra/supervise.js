#!/usr/bin/env node
// Runs the processes of `npm start` side by side and keeps them running: when one exits, the others go on,
// the supervisor says which one exited and why (exit code or signal), and restarts it after a backoff
// (1 s, doubling to 30 s; back to 1 s once it has run for a minute). SIGINT or SIGTERM (Ctrl-C) stops
// them all: TERM, then KILL after SUPERVISE_GRACE_MS (10 s).
//
//   node tools/infra/supervise.js "name=[KEY=VALUE…] command args…" ["name=…" …]
//
// A program inherits the supervisor's environment except its passwords (`*PASSWORD`: a shell that sourced a secrets
// file) and any Kafka login (`KAFKA_SASL_*`, a pair: half of another's would pair with its own password): each gets
// its own through its KEY=VALUE words or its own secrets file (ADR 0032, 0036).
//
// Each program runs in a mount namespace of its own where the secrets folder holds only its own file,
// processes/<BASCULE_PROCESS>.env, and nothing at all for a program that names none (confine-secrets.sh). Where this
// machine cannot do that (not root, namespaces refused), the supervisor says so once and runs them unconfined.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/PASSWORD$/.test(key) && !key.startsWith('KAFKA_SASL_')),
);

const grace = Number(process.env.SUPERVISE_GRACE_MS ?? 10_000);
const backoff = { initialMs: Number(process.env.SUPERVISE_BACKOFF_MS ?? 1_000), maxMs: 30_000, stableMs: 60_000 };
const say = (message) => console.log(`\x1b[1m[supervise] ${message}\x1b[0m`);

const programs = process.argv.slice(2).map((spec) => {
  const at = spec.indexOf('=');
  if (at < 1) throw new Error(`expected name=command, got ${spec}`);
  const words = spec
    .slice(at + 1)
    .trim()
    .split(/\s+/);
  // Leading KEY=VALUE words set the program's environment; a VALUE `$NAME` is read from the supervisor's own
  // environment, so a secret passed that way never shows in a process listing.
  const env = { ...inherited };
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [key, value] = words.shift().split(/=(.*)/s);
    const resolved = value.startsWith('$') ? process.env[value.slice(1)] : value;
    if (resolved === undefined)
      throw new Error(`${spec.slice(0, at)}: ${key}=${value} but ${value.slice(1)} is not set`);
    env[key] = resolved;
  }
  const [command, ...args] = words;
  return { name: spec.slice(0, at), command, args, env, child: undefined, restarts: 0, failures: 0, timer: undefined };
});
if (programs.length === 0) {
  console.error('usage: supervise.js "name=command args…" …');
  process.exit(2);
}

const secrets = process.env.BASCULE_SECRETS || join(process.env.BASCULE_HOME || join(homedir(), '.bascule'), 'secrets');
const confine = join(__dirname, 'confine-secrets.sh');
const confined = existsSync(secrets) && canConfine();

function canConfine() {
  const probe = spawnSync(confine, ['--probe', secrets], { encoding: 'utf8' });
  if (probe.status === 0) return true;
  const reason = (probe.stdout || probe.stderr || probe.error?.message || `exit ${probe.status}`).trim();
  say(`WARNING: secrets not confined (${reason}): every process can read all of ${secrets}`);
  return false;
}

/** The command line that starts a program: inside its own view of the secrets folder when this machine can. */
function commandOf(program) {
  if (!confined) return [program.command, program.args];
  const own = program.env.BASCULE_PROCESS;
  return [confine, [secrets, ...(own ? [`processes/${own}.env`] : []), '--', program.command, ...program.args]];
}

let stopping = false;

function start(program) {
  const startedAt = Date.now();
  const [command, args] = commandOf(program);
  const child = spawn(command, args, { stdio: 'inherit', env: program.env });
  program.child = child;
  child.on('error', (error) => say(`${program.name} could not start: ${error.message}`));
  // Handled a moment later: on Ctrl-C the terminal signals the children too, and the supervisor's own
  // SIGINT handler should run first so a shutdown is not reported as a crash.
  child.on('exit', (code, signal) => setTimeout(() => exited(program, child, startedAt, code, signal), 200));
}

function exited(program, child, startedAt, code, signal) {
  if (program.child === child) program.child = undefined;
  if (stopping) return;
  if (Date.now() - startedAt >= backoff.stableMs) program.failures = 0;
  program.failures += 1;
  const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (program.failures - 1));
  const why = signal ? `was killed by signal ${signal}` : `exited with code ${code}`;
  say(
    `${program.name} (pid ${child.pid}) ${why}; the others keep running; restarting it in ${(delay / 1000).toFixed(1)} s`,
  );
  program.timer = setTimeout(() => {
    if (stopping) return;
    program.restarts += 1;
    say(`restarting ${program.name} (restart ${program.restarts})`);
    start(program);
  }, delay);
}

const alive = (child) => child && child.exitCode === null && child.signalCode === null;

function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping ${programs.map((p) => p.name).join(', ')}`);
  const running = programs.filter((p) => alive(p.child));
  programs.forEach((p) => clearTimeout(p.timer));
  if (running.length === 0) process.exit(0);
  const killer = setTimeout(() => {
    for (const p of running.filter((r) => alive(r.child))) {
      say(`${p.name} did not stop within ${grace} ms: SIGKILL`);
      p.child.kill('SIGKILL');
    }
    setTimeout(() => process.exit(0), 500);
  }, grace);
  let left = running.length;
  for (const program of running) {
    program.child.once('exit', () => {
      if (--left === 0) {
        clearTimeout(killer);
        process.exit(0);
      }
    });
    program.child.kill('SIGTERM');
  }
}

process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
programs.forEach(start);
