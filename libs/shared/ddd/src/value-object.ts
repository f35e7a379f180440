/** An immutable value compared by its attributes. */
export abstract class ValueObject<TProps extends object> {
  protected constructor(protected readonly props: Readonly<TProps>) {
    Object.freeze(this.props);
  }

  equals(other: ValueObject<TProps> | undefined): boolean {
    return (
      other !== undefined &&
      other.constructor === this.constructor &&
      stableJson(this.props) === stableJson(other.props)
    );
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
