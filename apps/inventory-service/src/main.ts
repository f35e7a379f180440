import './tracing';
import { runService } from '@bascule/shared/service';
import { inventoryService, inventoryServiceConfig } from './inventory-service';

runService(inventoryService, inventoryServiceConfig());
