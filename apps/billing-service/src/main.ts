import './tracing';
import { runService } from '@bascule/shared/service';
import { billingService, billingServiceConfig } from './billing-service';

runService(billingService, billingServiceConfig());
