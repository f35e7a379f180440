import { Injectable } from '@nestjs/common';
import { checkLegacyCapture } from '../connector-status';
import { LegacyTableSync } from '../legacy-table-sync';

/** Every legacy table this service syncs (registered when enabled): what `/health/details` reports as `legacy-cdc`. */
@Injectable()
export class LegacySync {
  private readonly tables: LegacyTableSync[] = [];

  register(table: LegacyTableSync): void {
    this.tables.push(table);
  }

  get enabled(): boolean {
    return this.tables.length > 0;
  }

  /** The consumers run now (not merely once did) and the connector and its task report RUNNING. */
  details(): Promise<Record<string, unknown>> {
    const consumers = this.tables.map((table) => ({ topic: table.settings.topic, running: table.running }));
    return checkLegacyCapture(consumers, this.tables[0].settings.connector);
  }
}
