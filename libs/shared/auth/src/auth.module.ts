import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessRulesCheck } from './access-rules.check';
import { AuthConfig, authConfig } from './auth.config';
import { AuthGuard } from './auth.guard';
import { AUTH_CONFIG } from './auth.tokens';
import { TokenVerifier } from './token-verifier';

/** Bearer-token verification and the deny-by-default guard (HTTP and gRPC) for a whole service. */
@Module({})
export class AuthModule {
  static forRoot(options: { serviceName: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => authConfig(options.serviceName) },
        {
          provide: TokenVerifier,
          inject: [AUTH_CONFIG],
          useFactory: (config: AuthConfig) => new TokenVerifier(config),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        AccessRulesCheck,
      ],
      exports: [AUTH_CONFIG, TokenVerifier],
    };
  }
}
