import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ErrorFilter } from './error-filter.js';

/** Every error of every route becomes an answer in one place (`ErrorFilter`). */
@Global()
@Module({ providers: [{ provide: APP_FILTER, useClass: ErrorFilter }] })
export class HttpModule {}
