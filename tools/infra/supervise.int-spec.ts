import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually, waitForExit } from '@bascule/shared/testing';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start`'s supervisor (tools/infra/supervise.js) on two small programs instead of the services. */
describe('the npm start supervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
  let supervisor: ChildProcess;
  let output = '';
  const pids = (name: string) =>
    existsSync(join(dir, `${name}.pids`))
      ? readFileSync(join(dir, `${name}.pids`), 'utf8')
          .trim()
          .split('\n')
          .map(Number)
      : [];

  beforeAll(() => {
    // "crasher" exits with code 3 on its first two runs, then stays up; "steady" stays up.
    writeFileSync(
      join(dir, 'crasher.js'),
      `const fs = require('fs'); fs.appendFileSync('${dir}/crasher.pids', process.pid + '\\n');
      const runs = fs.readFileSync('${dir}/crasher.pids', 'utf8').trim().split('\\n').length;
      if (runs <= 2) setTimeout(() => process.exit(3), 300); else setInterval(() => undefined, 1000);`,
    );
    writeFileSync(
      join(dir, 'steady.js'),
      `require('fs').appendFileSync('${dir}/steady.pids', process.pid + '\\n'); setInterval(() => undefined, 1000);
      require('fs').writeFileSync('${dir}/steady.env', String(process.env.STEADY_SECRET));
      process.on('SIGTERM', () => { require('fs').writeFileSync('${dir}/steady.stopped', 'yes'); process.exit(0); });`,
    );
    supervisor = spawn(
      process.execPath,
      [
        resolve(__dirname, 'supervise.js'),
        `crasher=${process.execPath} ${dir}/crasher.js`,
        `steady=STEADY_SECRET=$SUPERVISE_TEST_SECRET ${process.execPath} ${dir}/steady.js`,
      ],
      {
        env: { ...process.env, SUPERVISE_BACKOFF_MS: '200', SUPERVISE_TEST_SECRET: 's3cret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(() => {
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
    for (const pid of [...pids('crasher'), ...pids('steady')]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('says which process exited and why, restarts it with a growing backoff, and leaves the others running', async () => {
    await eventually(async () => pids('crasher').length === 3, 15_000);
    expect(output).toMatch(/crasher \(pid \d+\) exited with code 3; the others keep running; restarting it in 0\.2 s/);
    expect(output).toMatch(/crasher \(pid \d+\) exited with code 3; the others keep running; restarting it in 0\.4 s/);
    expect(output).toContain('restarting crasher (restart 2)');
    expect(pids('steady')).toHaveLength(1);
    expect(alive(pids('steady')[0])).toBe(true);
    expect(alive(pids('crasher')[2])).toBe(true);
  });

  it("gives a program the environment its spec names, reading `$NAME` values from the supervisor's own", () => {
    expect(readFileSync(join(dir, 'steady.env'), 'utf8')).toBe('s3cret');
  });

  it('reports a process killed by a signal, and restarts it', async () => {
    const [steady] = pids('steady');
    process.kill(steady, 'SIGKILL');
    await eventually(async () => pids('steady').length === 2, 15_000);
    expect(output).toContain(`steady (pid ${steady}) was killed by signal SIGKILL`);
    expect(alive(pids('crasher')[2])).toBe(true);
  });

  it('stops every process on SIGINT (Ctrl-C) and exits cleanly', async () => {
    const running = [pids('crasher')[2], pids('steady')[1]];
    supervisor.kill('SIGINT');
    expect(await waitForExit(supervisor)).toBe(0);
    expect(running.map(alive)).toEqual([false, false]);
    expect(existsSync(join(dir, 'steady.stopped'))).toBe(true);
    expect(output).not.toMatch(/steady \(pid \d+\) exited with code 0/);
  });

  it('refuses to start a program whose spec names an unset variable, rather than giving it an empty value', async () => {
    const refused = spawn(
      process.execPath,
      [resolve(__dirname, 'supervise.js'), `x=PGPASSWORD=$SUPERVISE_TEST_UNSET ${process.execPath} -e 0`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let said = '';
    refused.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    expect(await waitForExit(refused)).not.toBe(0);
    expect(said).toContain('x: PGPASSWORD=$SUPERVISE_TEST_UNSET but SUPERVISE_TEST_UNSET is not set');
  });
});
