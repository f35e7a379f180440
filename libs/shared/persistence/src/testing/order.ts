import {
  AggregateRoot,
  DomainError,
  DomainEvent,
  Entity,
  InvalidValueError,
  Money,
  TypedId,
} from '@bascule/shared/ddd';

export class OrderId extends TypedId {
  static of(value: string): OrderId {
    return new OrderId(value);
  }
}

export class LineId extends TypedId {
  static of(value: string): LineId {
    return new LineId(value);
  }

  static generate(): LineId {
    return new LineId(TypedId.newUuid());
  }
}

export class OrderFull extends DomainError {
  readonly code = 'ORDER.FULL';

  constructor(limit: number) {
    super(`an order has at most ${limit} lines`, { limit });
  }
}

export class SkuAlreadyOrdered extends DomainError {
  readonly code = 'ORDER.SKU_ALREADY_ORDERED';

  constructor(sku: string) {
    super(`the order has a line for ${sku} already`, { sku });
  }
}

/** A child entity: its identity is the line's id, within its order. */
export class OrderLine extends Entity<LineId> {
  constructor(
    id: LineId,
    readonly sku: string,
    public quantity: number,
    readonly unitPrice: Money,
  ) {
    super(id);
  }

  get amount(): Money {
    return this.unitPrice.multiply(this.quantity);
  }
}

export interface OrderEvent extends DomainEvent<'OrderOpened' | 'LineAdded' | 'LineQuantityChanged' | 'LineRemoved'> {
  lines: number;
}

/**
 * The platform's test aggregate for child collections: an order owns its lines. The rules across lines live
 * here, not in the database: at most `MAX_LINES` lines, one line per sku, one currency.
 */
export class Order extends AggregateRoot<OrderId, OrderEvent> {
  static readonly MAX_LINES = 5;

  private constructor(
    id: OrderId,
    version: number,
    readonly currency: string,
    private readonly orderLines: OrderLine[],
  ) {
    super(id, version);
  }

  static open(id: string, currency: string): Order {
    const order = new Order(OrderId.of(id), 0, currency, []);
    order.emit('OrderOpened');
    return order;
  }

  static reconstitute(id: string, version: number, currency: string, lines: OrderLine[]): Order {
    return new Order(OrderId.of(id), version, currency, lines);
  }

  get lines(): readonly OrderLine[] {
    return this.orderLines;
  }

  get total(): Money {
    return Money.sum(
      this.orderLines.map((line) => line.amount),
      this.currency,
    );
  }

  addLine(sku: string, quantity: number, unitPrice: Money): LineId {
    if (this.orderLines.some((line) => line.sku === sku)) throw new SkuAlreadyOrdered(sku);
    if (this.orderLines.length >= Order.MAX_LINES) throw new OrderFull(Order.MAX_LINES);
    if (unitPrice.currency !== this.currency)
      throw new InvalidValueError('unitPrice', `cannot combine ${this.currency} with ${unitPrice.currency}`);
    const line = new OrderLine(LineId.generate(), sku, quantity, unitPrice);
    this.orderLines.push(line);
    this.emit('LineAdded');
    return line.id;
  }

  changeQuantity(lineId: LineId, quantity: number): void {
    const line = this.line(lineId);
    if (line.quantity === quantity) return;
    line.quantity = quantity;
    this.emit('LineQuantityChanged');
  }

  removeLine(lineId: LineId): void {
    this.orderLines.splice(this.orderLines.indexOf(this.line(lineId)), 1);
    this.emit('LineRemoved');
  }

  private line(lineId: LineId): OrderLine {
    const line = this.orderLines.find((candidate) => candidate.id.equals(lineId));
    if (!line) throw new Error(`no line ${lineId.value} in order ${this.id.value}`);
    return line;
  }

  private emit(type: OrderEvent['type']): void {
    this.record((aggregateVersion) => ({
      type,
      lines: this.orderLines.length,
      aggregateId: this.id.value,
      aggregateVersion,
      occurredAt: new Date(0),
    }));
  }
}
