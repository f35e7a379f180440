/** An object with an identity that outlives its attribute values. */
export abstract class Entity<TId extends { equals(other: TId): boolean }> {
  protected constructor(readonly id: TId) {}

  equals(other: Entity<TId> | undefined): boolean {
    return other !== undefined && other.constructor === this.constructor && other.id.equals(this.id);
  }
}
