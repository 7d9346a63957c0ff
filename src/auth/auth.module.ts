import { type DynamicModule, type FactoryProvider, type ModuleMetadata, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AUTH_CONFIG, type AuthConfig } from './auth-config.js';
import { TokenVerifier } from './token-verifier.js';

export interface AuthModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  useFactory: (...args: never[]) => AuthConfig | Promise<AuthConfig>;
  inject?: FactoryProvider['inject'];
}

/**
 * Authentication for every route of the application: importing it registers {@link AuthGuard} as a global
 * guard (APP_GUARD), so a route is protected unless it is @Public().
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return AuthModule.module({ provide: AUTH_CONFIG, useValue: config });
  }

  /** The configuration from a factory, e.g. `{ useFactory: () => loadAuthConfig(process.env) }`. */
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      ...AuthModule.module({ provide: AUTH_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] }),
      imports: options.imports ?? [],
    };
  }

  private static module(configProvider: Provider): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        configProvider,
        { provide: TokenVerifier, useFactory: (config: AuthConfig) => TokenVerifier.fromConfig(config), inject: [AUTH_CONFIG] },
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AUTH_CONFIG, TokenVerifier],
    };
  }
}
