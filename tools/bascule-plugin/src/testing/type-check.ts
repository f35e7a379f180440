import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import * as ts from 'typescript';

const root = resolve(__dirname, '../../../..');

/**
 * Source files of the real workspace and node_modules, parsed once per Jest worker: every program of a spec file
 * (one per generated tree) reuses them, so only the generated files are parsed again.
 */
const parsedOnDisk = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

/** The tree's path of an absolute file name, when it lies in the workspace. */
const inTree = (fileName: string) => {
  const path = relative(root, fileName).replace(/\\/g, '/');
  return path.startsWith('..') ? undefined : path;
};

/** What the generators wrote: the tree's TypeScript files that the workspace does not hold as they are. */
export function generatedTypeScript(tree: Tree): string[] {
  return tree
    .listChanges()
    .filter((change) => change.type !== 'DELETE' && /\.ts$/.test(change.path) && !change.path.endsWith('.d.ts'))
    .filter((change) => {
      const onDisk = resolve(root, change.path);
      return !existsSync(onDisk) || readFileSync(onDisk, 'utf8') !== change.content?.toString('utf8');
    })
    .map((change) => change.path)
    .sort();
}

/**
 * Compiles the tree's generated TypeScript (or `files`) as the workspace would: the tree's tsconfig.base.json
 * (its path aliases include those the generators added), each file read from the tree first, then from the
 * workspace and its node_modules. Answers the diagnostics, one line each (`path:line:col TS1234 message`), so a
 * spec can expect `[]` and see what does not compile.
 */
export function typeCheck(tree: Tree, files: string[] = generatedTypeScript(tree)): string[] {
  const treeText = (fileName: string) => {
    const path = inTree(fileName);
    return path !== undefined && tree.exists(path) && tree.isFile(path) ? tree.read(path, 'utf-8') : null;
  };
  const config = ts.parseConfigFileTextToJson('tsconfig.base.json', tree.read('tsconfig.base.json', 'utf-8') ?? '{}');
  const { options, errors } = ts.convertCompilerOptionsFromJson(config.config?.compilerOptions ?? {}, root);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, formatHost));
  options.noEmit = true;

  const host = ts.createCompilerHost(options, true);
  host.getCurrentDirectory = () => root;
  host.fileExists = (fileName) => treeText(fileName) !== null || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => treeText(fileName) ?? ts.sys.readFile(fileName);
  host.directoryExists = (directory) => {
    const path = inTree(directory);
    return (
      (path !== undefined && tree.children(path).length > 0) ||
      (existsSync(directory) && statSync(directory).isDirectory())
    );
  };
  host.getSourceFile = (fileName, languageVersion) => {
    const text = treeText(fileName);
    if (text !== null) return ts.createSourceFile(fileName, text, languageVersion, true);
    const cached = parsedOnDisk.get(fileName);
    if (cached) return cached;
    const onDisk = ts.sys.readFile(fileName);
    if (onDisk === undefined) return undefined;
    const parsed = ts.createSourceFile(fileName, onDisk, languageVersion, true);
    parsedOnDisk.set(fileName, parsed);
    return parsed;
  };

  const rootNames = files.map((file) => resolve(root, file));
  const program = ts.createProgram({ rootNames, options, host, oldProgram: previous });
  previous = program;
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...rootNames.flatMap((fileName) => {
      const source = program.getSourceFile(fileName);
      return source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
    }),
  ];
  return diagnostics.map(describe);
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

function describe(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code} ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}`;
}
