import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';

/** The configured lists (categories, departments, channels…) a client needs to fill in a command. */
@Module({ controllers: [CatalogController] })
export class CatalogModule {}
