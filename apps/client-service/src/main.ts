import './tracing';
import { runService } from '@bascule/shared/service';
import { clientService, clientServiceConfig } from './client-service';

runService(clientService, clientServiceConfig());
