import { AggregateRoot, Clock } from '@bascule/shared/ddd';
import { ClientId } from './client-id';
import { ClientStatus } from './client-status';
import { ClientEvent } from './client.events';
import { Email } from './email';
import { PersonName } from './person-name';
import { Phone } from './phone';
import { PostalAddress } from './postal-address';
import { deactivationReason } from './rules/deactivation-needs-reason.rule';
import { assertNotErased } from './rules/erased-client-is-frozen.rule';

export interface ClientState {
  name: PersonName;
  /** None when the contact details are incomplete (clients the legacy system holds without one). */
  email: Email | null;
  phone: Phone | null;
  address: PostalAddress | null;
  companyId: string | null;
  status: ClientStatus;
  deactivationReason: string | null;
}

export interface RegisterClient {
  name: PersonName;
  email: Email | null;
  phone: Phone | null;
  address: PostalAddress;
  companyId: string | null;
}

const ERASED_NAME = PersonName.of('Erased', 'Client');

/**
 * A customer of the business. Invariants: an email, when it has one, valid and unique (uniqueness is checked
 * against the other clients by the repository); without one its contact details are incomplete, a state, not
 * a refusal; an erased client never changes again; commands that would change nothing record nothing, which
 * is also what stops sync loops with the legacy system.
 */
export class Client extends AggregateRoot<ClientId, ClientEvent> {
  private constructor(
    id: ClientId,
    version: number,
    private state: ClientState,
    private readonly clock: Clock,
  ) {
    super(id, version);
  }

  static register(id: ClientId, data: RegisterClient, clock: Clock): Client {
    const client = new Client(id, 0, { ...data, status: ClientStatus.Active, deactivationReason: null }, clock);
    client.recordEvent(
      {
        type: 'ClientRegistered',
        givenName: data.name.givenName,
        familyName: data.name.familyName,
        email: data.email?.value ?? null,
        phone: data.phone?.value ?? null,
        address: data.address.toJSON(),
        companyId: data.companyId,
        status: ClientStatus.Active,
      },
      clock.now(),
    );
    return client;
  }

  static reconstitute(id: ClientId, version: number, state: ClientState, clock: Clock): Client {
    return new Client(id, version, state, clock);
  }

  get snapshot(): Readonly<ClientState> {
    return this.state;
  }

  rename(name: PersonName): void {
    assertNotErased(this.id.value, this.state.status);
    if (name.equals(this.state.name)) return;
    this.state = { ...this.state, name };
    this.recordEvent(
      { type: 'ClientRenamed', givenName: name.givenName, familyName: name.familyName },
      this.clock.now(),
    );
  }

  changeAddress(address: PostalAddress): void {
    assertNotErased(this.id.value, this.state.status);
    if (this.state.address && address.equals(this.state.address)) return;
    this.state = { ...this.state, address };
    this.recordEvent({ type: 'ClientAddressChanged', address: address.toJSON() }, this.clock.now());
  }

  changeEmail(email: Email): void {
    assertNotErased(this.id.value, this.state.status);
    if (this.state.email && email.equals(this.state.email)) return;
    this.state = { ...this.state, email };
    this.recordEvent({ type: 'ClientEmailChanged', email: email.value }, this.clock.now());
  }

  /** The client can no longer be reached by email: its contact details are incomplete. */
  removeEmail(): void {
    assertNotErased(this.id.value, this.state.status);
    if (!this.state.email) return;
    this.state = { ...this.state, email: null };
    this.recordEvent({ type: 'ClientEmailRemoved' }, this.clock.now());
  }

  deactivate(reason: string): void {
    assertNotErased(this.id.value, this.state.status);
    const why = deactivationReason(reason);
    if (this.state.status === ClientStatus.Inactive) return;
    this.state = { ...this.state, status: ClientStatus.Inactive, deactivationReason: why };
    this.recordEvent({ type: 'ClientDeactivated', reason: why }, this.clock.now());
  }

  reactivate(): void {
    assertNotErased(this.id.value, this.state.status);
    if (this.state.status === ClientStatus.Active) return;
    this.state = { ...this.state, status: ClientStatus.Active, deactivationReason: null };
    this.recordEvent({ type: 'ClientReactivated' }, this.clock.now());
  }

  /** Pseudonymises personal data and keeps the aggregate, so orders and invoices still point somewhere. */
  erase(): void {
    if (this.state.status === ClientStatus.Erased) return;
    this.state = {
      name: ERASED_NAME,
      email: Email.of(`erased-${this.id.value}@erased.invalid`),
      phone: null,
      address: null,
      companyId: this.state.companyId,
      status: ClientStatus.Erased,
      deactivationReason: null,
    };
    this.recordEvent({ type: 'ClientErased' }, this.clock.now());
  }
}
