import { PaymentId } from './payment-id';

describe('PaymentId', () => {
  const orderId = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';

  it("is the same for an order however often it is asked, in any case of the order's id", () => {
    expect(PaymentId.forOrder(orderId)).toEqual(PaymentId.forOrder(orderId.toUpperCase()));
  });

  it('differs from the order id and between orders, and is a version-5 UUID', () => {
    const id = PaymentId.forOrder(orderId).value;
    expect(id).not.toBe(orderId);
    expect(PaymentId.forOrder('5b0f5e4e-8c1d-4a3b-9e2f-000000000001').value).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
