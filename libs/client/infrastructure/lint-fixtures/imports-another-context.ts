// Lint fixture: the client context reaching into a second context (tools/lint-fixtures/other-context). Its
// published contracts are allowed, its domain is not: tools/lint/module-boundaries.int-spec.ts proves lint
// rejects exactly the second import. The layer rule allows both (infrastructure → domain, contracts), so the
// error can only come from the scope rule. The normal lint run ignores this folder.
import { InvoiceIssuedV1 } from '@bascule/lint-fixture/contracts';
import { Invoice } from '@bascule/lint-fixture/domain';

export const fromAnotherContext = (event: InvoiceIssuedV1): Invoice => new Invoice(event.invoiceId);
