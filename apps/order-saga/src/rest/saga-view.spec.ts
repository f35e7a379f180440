import { ReleaseStockSucceededV1, ReserveStockSucceededV1 } from '@bascule/inventory/contracts';
import { AuthorizePaymentRefusedV1 } from '@bascule/payment/contracts';
import { RejectOrderSucceededV1 } from '@bascule/orders/contracts';
import { placeOrderData, placeOrderSaga } from '@bascule/order-saga';
import { anOrderPlaced, done, refusal } from '@bascule/order-saga/testing';
import { SagaTestKit } from '@bascule/saga/testing';
import { sagaView } from './saga-view';

describe('a saga as the API shows it', () => {
  const started = () => new SagaTestKit(placeOrderSaga).start(placeOrderData(anOrderPlaced()));

  it('each step per direction, with its outcome, attempts and timing, in the order they happened', () => {
    const kit = started();
    kit.advance(1_500).reply(ReserveStockSucceededV1, done());
    kit.advance(15_000 + 2_000 + 500).reply(AuthorizePaymentRefusedV1, refusal('PAYMENT.DECLINED'));
    kit.advance(200).reply(ReleaseStockSucceededV1, done());
    kit.reply(RejectOrderSucceededV1, done());
    const view = sagaView(kit.state);
    expect(view).toMatchObject({ status: 'COMPENSATED', currentStep: null, endedAt: expect.any(String) });
    expect(
      view.steps.map(({ step, phase, outcome, attempts, durationMs, detail }) => [
        step,
        phase,
        outcome,
        attempts,
        durationMs,
        detail,
      ]),
    ).toEqual([
      ['reject-order', 'forward', 'passed', 0, 0, 'nothing to invoke'],
      ['reserve-stock', 'forward', 'succeeded', 1, 1_500, null],
      ['authorize-payment', 'forward', 'refused', 2, 17_500, 'PAYMENT.DECLINED'],
      ['reserve-stock', 'compensation', 'succeeded', 1, 200, null],
      ['reject-order', 'compensation', 'succeeded', 1, 0, null],
    ]);
  });

  it('a step timed out and sent again is in flight while the saga waits on it; the card token is never shown', () => {
    const kit = started();
    kit.advance(5_000);
    expect(sagaView(kit.state).steps.at(-1)).toMatchObject({
      step: 'reserve-stock',
      outcome: 'in-flight',
      attempts: 1,
    });
    kit.advance(2_000); // reserve-stock's first backoff
    expect(sagaView(kit.state).steps.at(-1)).toMatchObject({ outcome: 'in-flight', attempts: 2, endedAt: null });
    expect(JSON.stringify(sagaView(kit.state))).not.toContain('tok_visa');
  });
});
