// Lint fixture: a domain file that breaks the boundaries on purpose. tools/lint/module-boundaries.int-spec.ts
// proves lint rejects it; the normal lint run ignores this folder.
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@bascule/shared/persistence';

@Injectable()
export class LeakyDomainService {
  constructor(readonly outbox: OutboxWriter) {}
}
