import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { BadRequest, READ_MODELS_HEADER, READ_YOUR_WRITES_HEADER, READ_YOUR_WRITES_WAIT_MS, READS_YOUR_WRITES } from '../http/index.js';
import type { ProjectionRunner } from './projection-runner.js';
import { PROJECTIONS } from './tokens.js';

/** Holds a read that asks for it (src/http/read-your-writes.ts) until the read models show every write before it. */
@Injectable()
export class ReadYourWrites implements NestInterceptor {
  constructor(
    @Inject(PROJECTIONS) private readonly runner: ProjectionRunner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const asked = request.header(READ_YOUR_WRITES_HEADER);
    if (asked !== undefined && asked !== 'true') throw new BadRequest([{ field: 'X-Read-Your-Writes', rule: 'must be true (or left out)' }]);
    const marked = this.reflector.get<boolean | undefined>(READS_YOUR_WRITES, context.getHandler()) === true;
    if (marked || (asked === 'true' && request.method === 'GET')) {
      const current = await this.runner.readModelsCaughtUp(READ_YOUR_WRITES_WAIT_MS);
      context.switchToHttp().getResponse<Response>().setHeader(READ_MODELS_HEADER, current ? 'current' : 'behind');
    }
    return next.handle();
  }
}
