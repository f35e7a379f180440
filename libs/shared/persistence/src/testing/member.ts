import { AggregateRoot, DomainError, DomainEvent, TypedId } from '@bascule/shared/ddd';

export class MemberId extends TypedId {
  static of(value: string): MemberId {
    return new MemberId(value);
  }
}

export class MemberHandleTaken extends DomainError {
  readonly code = 'MEMBER.HANDLE_TAKEN';

  constructor() {
    super('another member has this handle', { field: 'handle' });
  }
}

export interface MemberEvent extends DomainEvent<'MemberJoined' | 'MemberRenamed'> {
  handle: string;
}

/** The platform's own test aggregate for stores: a member whose handle is unique among members. */
export class Member extends AggregateRoot<MemberId, MemberEvent> {
  private constructor(
    id: MemberId,
    version: number,
    public handle: string,
  ) {
    super(id, version);
  }

  static join(id: string, handle: string): Member {
    const member = new Member(MemberId.of(id), 0, handle);
    member.emit('MemberJoined');
    return member;
  }

  static reconstitute(id: string, version: number, handle: string): Member {
    return new Member(MemberId.of(id), version, handle);
  }

  rename(handle: string): void {
    if (handle === this.handle) return;
    this.handle = handle;
    this.emit('MemberRenamed');
  }

  private emit(type: MemberEvent['type']): void {
    this.record((aggregateVersion) => ({
      type,
      handle: this.handle,
      aggregateId: this.id.value,
      aggregateVersion,
      occurredAt: new Date(0),
    }));
  }
}
