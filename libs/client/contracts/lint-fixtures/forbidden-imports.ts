// Lint fixture: a published contract that leans on a framework and on the context's inner layers.
// tools/lint/module-boundaries.int-spec.ts proves lint rejects exactly these lines (and accepts TypeBox);
// the normal lint run ignores this folder.
import { Type } from '@sinclair/typebox';
import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { ClientView } from '@bascule/client/application';
import { ClientId } from '@bascule/client/domain';

export const LeakyEventV1 = Type.Object({ clientId: Type.String() });

@Injectable()
export class LeakyContract {
  constructor(readonly pool: Pool) {}

  view(_id: ClientId): ClientView | undefined {
    return undefined;
  }
}
