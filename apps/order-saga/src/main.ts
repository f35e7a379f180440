import './tracing';
import { runService } from '@bascule/shared/service';
import { orderSagaService, orderSagaServiceConfig } from './order-saga';

runService(orderSagaService, orderSagaServiceConfig());
