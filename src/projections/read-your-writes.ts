import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, operationsOf, type AppConfig } from '../config/index.js';
import { BadRequest, FROM_READ_MODELS, READ_MODELS_HEADER, READ_YOUR_WRITES_HEADER, type ReadModelsWait } from '../http/index.js';
import type { ProjectionRunner } from './projection-runner.js';
import { PROJECTIONS } from './tokens.js';

/** Holds a read of a route answered from read models that asks for it (src/http/read-your-writes.ts) until they show every write before it. */
@Injectable()
export class ReadYourWrites implements NestInterceptor {
  private readonly waitMs: number;

  constructor(
    @Inject(PROJECTIONS) private readonly runner: ProjectionRunner,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.waitMs = operationsOf(config).readYourWritesWaitMs;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const wait = this.reflector.getAllAndOverride<ReadModelsWait | undefined>(FROM_READ_MODELS, [context.getHandler(), context.getClass()]);
    // Other routes read the store and are always current: the header is ignored there like any unknown one.
    if (wait === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const asked = request.header(READ_YOUR_WRITES_HEADER);
    if (asked !== undefined && asked !== 'true') throw new BadRequest([{ field: READ_YOUR_WRITES_HEADER, rule: 'must be true (or left out)' }]);
    if (wait === 'always' || (asked === 'true' && request.method === 'GET')) {
      const current = await this.runner.readModelsCaughtUp(this.waitMs);
      context.switchToHttp().getResponse<Response>().setHeader(READ_MODELS_HEADER, current ? 'current' : 'behind');
    }
    return next.handle();
  }
}
