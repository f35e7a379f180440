import { execFileSync } from 'node:child_process';
import { GeneratorCallback, logger, Tree } from '@nx/devkit';

/** What is derived from the code once the files are on disk (never in a dry run): the AsyncAPI documents. */
export function afterGeneration(tree: Tree): GeneratorCallback {
  return () => {
    logger.info('npm run asyncapi');
    execFileSync('npm', ['run', '--silent', 'asyncapi'], { cwd: tree.root, stdio: 'inherit' });
  };
}
