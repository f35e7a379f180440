// The rpcs a context serves over gRPC and the realm roles each requires, read from its code: every
// `@GrpcMethod(<service>, '<Rpc>')` in libs/<context>/interface/src and the `@Roles(...)` beside it (ADR 0026).
// Read through TypeScript's syntax tree, never a pattern over the text: a comment, a string or a line break
// in a decorator cannot fool it. Used by contexts.js for the manifests' `calls`.
const { posix } = require('node:path');

/** The folder whose `.ts` files hold a context's gRPC controllers. */
const interfaceSourcesOf = (context) => `libs/${context}/interface/src`;

/** `get` → `Get`: Nest's rpc name when @GrpcMethod names only the service. */
const capitalized = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * `{ rpcs: Map<rpc, { roles, file }>, problems }` for `context`: an rpc without @Roles, or with roles that are
 * not string literals, is a problem (its grant could not be read).
 */
function grpcRolesOf(files, context) {
  const ts = require('typescript');
  const rpcs = new Map();
  const problems = [];
  const sources = (files.list?.(interfaceSourcesOf(context)) ?? []).filter(
    (file) => file.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(file),
  );
  for (const file of sources) {
    const text = files.read(file);
    if (!text.includes('GrpcMethod')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isMethodDeclaration(node)) {
        const decorators = (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? [];
        const called = (name) =>
          decorators
            .map((d) => d.expression)
            .find((e) => ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === name);
        const grpc = called('GrpcMethod');
        if (grpc) {
          const named = grpc.arguments[1];
          const rpc = named && ts.isStringLiteralLike(named) ? named.text : capitalized(node.name.getText(source));
          const roles = called('Roles');
          const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
          if (!roles) problems.push(`${where}: rpc ${rpc} has no @Roles(...): its callers' grants cannot be read`);
          else if (!roles.arguments.every((a) => ts.isStringLiteralLike(a)))
            problems.push(`${where}: rpc ${rpc}: @Roles(...) must list string literals for its callers' grants`);
          else rpcs.set(rpc, { roles: roles.arguments.map((a) => a.text), file });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { rpcs, problems };
}

/** Every file under `dir` (relative to the repository root), for a `files` reader over a directory tree. */
function listUnder(readdir, dir) {
  const found = [];
  const walk = (at) => {
    for (const entry of readdir(at)) {
      const path = posix.join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

module.exports = { grpcRolesOf, interfaceSourcesOf, listUnder };
