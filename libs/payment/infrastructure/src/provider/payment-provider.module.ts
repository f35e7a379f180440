import { Inject, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { PAYMENT_PROVIDER } from '@bascule/payment/application';
import { CallPolicy, callPolicySettings } from '@bascule/shared/calls';
import { HttpPaymentProvider } from './http-payment-provider';
import { SimulatedPaymentProvider } from './simulated-payment-provider';

/** The callee name of the provider in settings (`PAYMENT_PROVIDER_CALL_DEADLINE_MS`, ...) and metrics. */
export const PAYMENT_PROVIDER_CALLEE = 'payment-provider';
/** A slow provider (tok_slow answers in 2 s) still answers within the call's deadline. */
const PROVIDER_DEADLINE_MS = 5000;
const SIMULATOR = Symbol('SimulatedPaymentProvider');

/**
 * The payment provider at `PAYMENT_PROVIDER_URL`, under its call policy. Without that URL the simulated provider
 * runs in this process (on a free port, over real HTTP, with a warning at start) so that the service runs on its own.
 */
@Module({
  providers: [
    {
      provide: SIMULATOR,
      useFactory: async () => {
        if (process.env.PAYMENT_PROVIDER_URL) return undefined;
        const simulator = new SimulatedPaymentProvider();
        const url = await simulator.start();
        // Compose and Kubernetes run the demo without a provider (manifests cannot carry one yet): said at every start.
        new Logger('PaymentProvider').warn(
          `PAYMENT_PROVIDER_URL unset: the simulated payment provider answers at ${url}; no real payment is made`,
        );
        return { simulator, url };
      },
    },
    {
      provide: PAYMENT_PROVIDER,
      inject: [SIMULATOR],
      useFactory: (simulated?: { url: string }) =>
        new HttpPaymentProvider(
          process.env.PAYMENT_PROVIDER_URL ?? (simulated as { url: string }).url,
          new CallPolicy(
            PAYMENT_PROVIDER_CALLEE,
            callPolicySettings(PAYMENT_PROVIDER_CALLEE, process.env, { deadlineMs: PROVIDER_DEADLINE_MS }),
          ),
        ),
    },
  ],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentProviderModule implements OnModuleDestroy {
  constructor(@Inject(SIMULATOR) private readonly simulated?: { simulator: SimulatedPaymentProvider }) {}

  async onModuleDestroy(): Promise<void> {
    await this.simulated?.simulator.stop();
  }
}
