import { SagaReplies1796621893783 } from './1796621893783-saga-replies';
import { SagaDeferredCommands1796691945308 } from './1796691945308-saga-deferred-commands';

/** The tables of a context that takes part in sagas, in its database (listed after `platformMigrations`). */
export const sagaParticipantMigrations = [SagaReplies1796621893783, SagaDeferredCommands1796691945308];
