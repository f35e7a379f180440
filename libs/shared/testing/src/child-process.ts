import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../../..');

/** Runs a TypeScript entry point of the workspace in its own Node process (for kill-and-restart tests), with its arguments. */
export function spawnTs(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(workspaceRoot, entry), ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, SWC_NODE_PROJECT: resolve(workspaceRoot, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.env.DEBUG_CHILD && process.stderr.write(chunk));
  child.stdout?.on('data', (chunk: Buffer) => process.env.DEBUG_CHILD && process.stdout.write(chunk));
  return child;
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Resolves once the child prints a line matching `pattern` (on stdout or stderr). */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`child did not print ${pattern} within ${timeoutMs} ms; output: ${seen.slice(-8000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`child exited (${code}) before printing ${pattern}; output: ${seen.slice(-8000)}`)),
    );
  });
}
