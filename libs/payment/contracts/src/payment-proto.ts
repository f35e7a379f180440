import { join } from 'node:path';

export const PAYMENT_GRPC_PACKAGE = 'bascule.payment.v1';
export const PAYMENT_GRPC_SERVICE = 'PaymentService';
export const PAYMENT_PROTO_PATH = join(__dirname, 'proto', 'payment.proto');
