import { Injectable } from '@nestjs/common';
import { checkLegacyCapture } from '../connector-status';
import { LegacyTableSync } from '../legacy-table-sync';
import { legacySyncEnabled } from '../legacy-sync.settings';

/** Every legacy table this service syncs, registered as it starts: what `/health/details` reports as `legacy-cdc`. */
@Injectable()
export class LegacySync {
  /** `LEGACY_CDC` is not `off`; read when the app is built, before the tables start. */
  readonly enabled = legacySyncEnabled();
  private readonly tables: LegacyTableSync[] = [];

  register(table: LegacyTableSync): void {
    this.tables.push(table);
  }

  /** The consumers run now (not merely once did) and the connector and its task report RUNNING. */
  async details(): Promise<Record<string, unknown>> {
    if (this.tables.length === 0) throw new Error('no legacy table synced yet (the service is starting)');
    const halted = this.tables.find((table) => table.halted);
    if (halted) throw new Error(halted.halted);
    const consumers = this.tables.map((table) => ({ topic: table.settings.topic, running: table.running }));
    return checkLegacyCapture(consumers, this.tables[0].settings.connector);
  }
}
