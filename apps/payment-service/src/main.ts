import './tracing';
import { runService } from '@bascule/shared/service';
import { paymentService, paymentServiceConfig } from './payment-service';

runService(paymentService, paymentServiceConfig());
