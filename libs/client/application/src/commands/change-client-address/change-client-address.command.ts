import { AggregateCommand } from '@bascule/shared/application';
import { AddressInput } from '../register-client/client-registration';

export class ChangeClientAddressCommand extends AggregateCommand<{ address: AddressInput }> {}
