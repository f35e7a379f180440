import { MalformedChange } from './debezium-change';
import { capturedMoney, capturedMoneyTimes } from './debezium-decimal';

describe('capturedMoney', () => {
  it('reads a decimal sent as text as exact minor units', () => {
    expect(capturedMoney('PRIX', '12.50', 'EUR')).toEqual({ amount: 1250, currency: 'EUR' });
    expect(capturedMoney('PRIX', '12.5', 'EUR')).toEqual({ amount: 1250, currency: 'EUR' });
    expect(capturedMoney('PRIX', '7', 'EUR')).toEqual({ amount: 700, currency: 'EUR' });
    expect(capturedMoney('PRIX', '-0.01', 'EUR')).toEqual({ amount: -1, currency: 'EUR' });
    expect(capturedMoney('PRIX', '-0.00', 'EUR')).toEqual({ amount: 0, currency: 'EUR' });
    expect(capturedMoney('PRIX', '3.1000', 'EUR')).toEqual({ amount: 310, currency: 'EUR' });
    expect(capturedMoney('PRIX', '1500', 'JPY', 0)).toEqual({ amount: 1500, currency: 'JPY' });
  });

  it('refuses, naming the column and not the value, what is not an exact amount', () => {
    expect(() => capturedMoney('PRIX', '0.125', 'EUR')).toThrow(
      new MalformedChange('PRIX is not an amount of EUR (2 decimals at most)'),
    );
    expect(() => capturedMoney('PRIX', 'AQI=', 'EUR')).toThrow(MalformedChange);
    expect(() => capturedMoney('PRIX', '1e3', 'EUR')).toThrow(MalformedChange);
    expect(() => capturedMoney('PRIX', '99999999999999999', 'EUR')).toThrow('PRIX is beyond a safe integer');
  });
});

describe('capturedMoneyTimes', () => {
  it('multiplies an amount by its units, exactly', () => {
    expect(capturedMoneyTimes({ amount: 1250, currency: 'EUR' }, 3)).toEqual({ amount: 3750, currency: 'EUR' });
    expect(capturedMoneyTimes({ amount: 1250, currency: 'EUR' }, -2)).toEqual({ amount: -2500, currency: 'EUR' });
    expect(capturedMoneyTimes({ amount: -1, currency: 'EUR' }, 0)).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('refuses a product beyond a safe integer', () => {
    expect(() => capturedMoneyTimes({ amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' }, 2)).toThrow(MalformedChange);
  });
});
