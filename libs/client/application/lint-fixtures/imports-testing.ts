// Lint fixture: production code importing test code, by each kind of path. tools/lint/module-boundaries.int-spec.ts
// proves lint rejects every line; the normal lint run ignores this folder.
import { createTestDatabase } from '@bascule/shared/testing';
import { registration } from '@bascule/client/domain/testing';
import { adaRegistration } from '../src/testing/handler-fixture';

export const leaks = [createTestDatabase, registration, adaRegistration];
