import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from './event-store.js';
import { EVENT_STORE } from './tokens.js';

/**
 * The event store the service was opened on, for every module; closed (with its connections) last,
 * after the parts that read and write it stopped before the shutdown.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(store: EventStore): DynamicModule {
    return { module: EventStoreModule, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
