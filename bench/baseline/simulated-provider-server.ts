// The simulated payment provider in a process of its own, for the payment part of `npm run bench`: both
// payment-service and the bare baseline call it over HTTP, and neither shares its CPU with the load generator.
import { SimulatedPaymentProvider } from '../../libs/payment/infrastructure/src/provider/simulated-payment-provider';

async function main() {
  const provider = new SimulatedPaymentProvider();
  const url = await provider.start();
  process.once('SIGTERM', () => void provider.stop().finally(() => process.exit(0)));
  console.log(`provider ready at ${url}`);
}

main().catch((error) => {
  console.error('simulated provider failed to start', error);
  process.exit(1);
});
