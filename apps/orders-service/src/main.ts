import './tracing';
import { runService } from '@bascule/shared/service';
import { ordersService, ordersServiceConfig } from './orders-service';

runService(ordersService, ordersServiceConfig());
