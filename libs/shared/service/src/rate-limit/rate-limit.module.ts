import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { numberSetting } from '@bascule/shared/application';
import { CallerThrottlerGuard } from './caller-throttler.guard';

export interface RateLimitSettings {
  /** Requests (HTTP and gRPC together) one caller may make per window; 0 turns the limit off. */
  requests: number;
  windowMs: number;
}

/** `RATE_LIMIT_REQUESTS` (default 600) per `RATE_LIMIT_WINDOW_MS` (default 60 000): each service sets its own. */
export function rateLimitSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return {
    requests: numberSetting(env, 'RATE_LIMIT_REQUESTS', 600, { integer: true, min: 0 }),
    windowMs: numberSetting(env, 'RATE_LIMIT_WINDOW_MS', 60_000, { integer: true, min: 1 }),
  };
}

/**
 * Per-caller rate limits (ADR 0034). Import it after AuthModule: global guards run in the order their modules
 * are scanned, and the limit counts the caller the auth guard verified.
 */
@Module({})
export class RateLimitModule {
  static forRoot(): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          // Read when the app is built, not at import: tests set the environment before creating the app.
          useFactory: () => {
            const { requests, windowMs } = rateLimitSettingsFromEnv();
            return {
              throttlers: [{ limit: requests, ttl: windowMs }],
              skipIf: () => requests === 0,
            };
          },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: CallerThrottlerGuard }],
    };
  }
}
