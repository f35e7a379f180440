// An orchestrator in its own process, so a test can SIGKILL it where a crash could lose or double work. It makes
// one transition, then holds: with HOLD=before-commit inside the transaction (the transition written, not
// committed), with HOLD=after-commit once committed. MODE=reply delivers REPLY (JSON); MODE=deadline fires due ones.
import { Pool } from 'pg';
import { FixedClock } from '@bascule/shared/ddd';
import { inTransaction } from '@bascule/shared/persistence';
import { SagaOrchestrator } from '../src';
import { bookTrip } from './book-trip.saga';

const forever = () => new Promise<never>(() => undefined);

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const clock = new FixedClock(new Date(process.env.NOW ?? Date.now()));
  const orchestrator = new SagaOrchestrator(pool, [bookTrip], { clock });
  const transition = () =>
    process.env.MODE === 'reply'
      ? orchestrator.handleReply(JSON.parse(process.env.REPLY ?? '{}'))
      : orchestrator.fireDue();
  if (process.env.HOLD === 'before-commit') {
    await inTransaction(pool, async () => {
      await transition();
      console.log('transition written, not committed');
      await forever();
    });
  }
  await transition();
  console.log('transition committed');
  await forever();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
