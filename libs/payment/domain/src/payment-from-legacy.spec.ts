import { FixedClock, Money } from '@bascule/shared/ddd';
import { LegacyPaymentNegativeAmount } from './payment.errors';
import { Payment } from './payment';
import { PaymentId } from './payment-id';
import { LEGACY_FAILURE, LegacyPaymentRecord } from './rules/legacy-payment.rule';

const eur = (amount: number) => Money.of(amount, 'EUR');
const transfer: LegacyPaymentRecord = {
  orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000001',
  authorizedAmount: eur(12_990),
  status: 'CAPTURED',
  method: 'TRANSFER',
  maskedIban: 'FR*********************1234',
  paidOn: '14/03/2019',
};

describe('a payment the legacy system holds', () => {
  const clock = new FixedClock();
  const fromLegacy = (record: Partial<LegacyPaymentRecord> = {}) =>
    Payment.fromLegacy(PaymentId.generate(), { ...transfer, ...record }, clock);

  it('is taken whatever its method: a captured transfer holds its capture, its masked IBAN and no card', () => {
    const payment = fromLegacy();
    expect(payment.snapshot).toEqual({
      ...transfer,
      declineReason: null,
      cardLast4: null,
      cardType: null,
      providerReference: null,
      capturedAmount: eur(12_990),
      refundedAmount: null,
    });
    expect(payment.pendingEvents).toEqual([expect.objectContaining({ type: 'PaymentSyncedFromLegacy', ...transfer })]);
  });

  it('reads each legacy status: authorized, refunded in full, failed with a reason; a method legacy did not record is unknown', () => {
    expect(fromLegacy({ status: 'AUTHORIZED', method: 'DIRECT_DEBIT' }).snapshot).toMatchObject({
      status: 'AUTHORIZED',
      method: 'DIRECT_DEBIT',
      capturedAmount: null,
    });
    expect(fromLegacy({ status: 'REFUNDED', method: 'CARD', maskedIban: null }).snapshot).toMatchObject({
      status: 'REFUNDED',
      capturedAmount: eur(12_990),
      refundedAmount: eur(12_990),
    });
    expect(fromLegacy({ status: 'DECLINED', method: null }).snapshot).toMatchObject({
      status: 'DECLINED',
      declineReason: LEGACY_FAILURE,
      method: null,
      capturedAmount: null,
    });
    expect(fromLegacy({ authorizedAmount: eur(0) }).snapshot.capturedAmount).toEqual(eur(0));
  });

  it('refuses a negative amount, which no business reading can take', () => {
    expect(() => fromLegacy({ authorizedAmount: eur(-1) })).toThrow(LegacyPaymentNegativeAmount);
    expect(() => fromLegacy({ authorizedAmount: eur(-1) })).toThrow(
      expect.objectContaining({ code: 'PAYMENT.LEGACY_NEGATIVE_AMOUNT' }),
    );
  });

  it('follows the legacy row, whatever status follows which, and records nothing for a row unchanged', () => {
    const payment = fromLegacy({ status: 'AUTHORIZED' });
    payment.syncFromLegacy({ ...transfer, status: 'REFUNDED' });
    payment.syncFromLegacy({ ...transfer, status: 'REFUNDED' });
    expect(payment.snapshot).toMatchObject({ status: 'REFUNDED', refundedAmount: eur(12_990) });
    expect(payment.pendingEvents.map((event) => event.type)).toEqual([
      'PaymentSyncedFromLegacy',
      'PaymentSyncedFromLegacy',
    ]);
  });
});
