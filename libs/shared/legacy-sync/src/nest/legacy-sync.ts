import { Injectable } from '@nestjs/common';
import { checkLegacyCapture } from '../connector-status';
import { ConnectorSettings, legacySyncEnabled } from '../legacy-sync.settings';

/** A table's sync or a group's, as the health check sees it: its consumers and the connector it follows. */
export interface SyncedLegacy {
  readonly consumers: { topic: string; running: boolean }[];
  readonly connector: ConnectorSettings;
}

/** Every legacy table this service syncs, registered as it starts: what `/health/details` reports as `legacy-cdc`. */
@Injectable()
export class LegacySync {
  /** `LEGACY_CDC` is not `off`; read when the app is built, before the tables start. */
  readonly enabled = legacySyncEnabled();
  private readonly syncs: SyncedLegacy[] = [];

  register(sync: SyncedLegacy): void {
    this.syncs.push(sync);
  }

  /** The consumers run now (not merely once did) and the connector and its task report RUNNING. */
  async details(): Promise<Record<string, unknown>> {
    if (this.syncs.length === 0) throw new Error('no legacy table synced yet (the service is starting)');
    return checkLegacyCapture(
      this.syncs.flatMap((sync) => sync.consumers),
      this.syncs[0].connector,
    );
  }
}
