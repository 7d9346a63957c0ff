import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/nest.js';
import { ASSET_NAME, CONTENT_SECURITY_POLICY } from './console-files.js';
import { CONSOLE_OPTIONS, type ConsoleOptions } from './console-options.js';

/** Serves the built web console: the page at `/` and its hashed assets. No token: the page asks for one. */
@ApiExcludeController()
@Controller()
@Public()
export class ConsoleController {
  constructor(@Inject(CONSOLE_OPTIONS) private readonly options: ConsoleOptions) {}

  @Get()
  page(@Res() response: Response): void {
    const index = join(this.options.directory, 'index.html');
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The web console is not built: run `npm run build` (npm start does).\n');
      return;
    }
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    const path = join(this.options.directory, 'assets', file);
    if (!ASSET_NAME.test(file) || !existsSync(path)) throw new NotFoundException(`no console asset ${file}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Vite puts a content hash in every asset name: a new build gets new names.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.sendFile(path);
  }
}
