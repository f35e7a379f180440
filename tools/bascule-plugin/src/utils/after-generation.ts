import { execFileSync } from 'node:child_process';
import { GeneratorCallback, logger, Tree } from '@nx/devkit';

/**
 * What is derived from the code once the files are on disk (never in a dry run): the AsyncAPI documents from
 * the contracts, and the compose and Kubernetes entries from the manifests.
 */
export function afterGeneration(tree: Tree): GeneratorCallback {
  return () => {
    for (const script of ['asyncapi', 'manifests']) {
      logger.info(`npm run ${script}`);
      execFileSync('npm', ['run', '--silent', script], { cwd: tree.root, stdio: 'inherit' });
    }
  };
}
