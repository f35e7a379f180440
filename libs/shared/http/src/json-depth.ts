import { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem';

/**
 * Whether a parsed JSON value nests arrays and objects deeper than `maxDepth` (`{}` and `[]` are depth 1).
 * Walked with an explicit stack: a recursive walk is what a deeply nested body overflows.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A JSON body nested deeper than `maxDepth` is refused with 400 `REQUEST.TOO_DEEP` before validation, whose
 * recursive steps (text checks, schema validation, logging) would otherwise overflow the stack into a 500.
 */
export function limitJsonDepth(fastify: FastifyInstance, maxDepth: number): void {
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, maxDepth))
      throw new HttpProblem(
        400,
        'REQUEST.TOO_DEEP',
        'Invalid request',
        `The request body nests arrays or objects deeper than ${maxDepth} levels`,
        [{ pointer: '#/', detail: `nests deeper than ${maxDepth} levels` }],
      );
  });
}
