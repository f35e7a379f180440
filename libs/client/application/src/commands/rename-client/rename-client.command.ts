import { AggregateCommand } from '@bascule/shared/application';

export class RenameClientCommand extends AggregateCommand<{ givenName: string; familyName: string }> {}
