// Lint fixture: the domain of a second bounded context, which the client context must not import
// (libs/client/infrastructure/lint-fixtures/imports-another-context.ts, tools/lint/module-boundaries.int-spec.ts).
export class Invoice {
  constructor(readonly id: string) {}
}
