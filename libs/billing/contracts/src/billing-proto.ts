import { join } from 'node:path';

export const BILLING_GRPC_PACKAGE = 'bascule.billing.v1';
export const BILLING_GRPC_SERVICE = 'InvoiceService';
export const BILLING_PROTO_PATH = join(__dirname, 'proto', 'billing.proto');
