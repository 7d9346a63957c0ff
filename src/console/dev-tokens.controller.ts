import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUTH_CONFIG, maxTokenLifetimeOf, signSharedSecretToken, type AuthConfig } from '../auth/index.js';
import { Public } from '../auth/nest.js';
import { BadRequest } from '../http/index.js';
import { CONSOLE_OPTIONS, type ConsoleOptions } from './console-options.js';
import { demoClaims, demoUsers, mayMintDemoTokens, type DemoUser } from './demo-tokens.js';

/** A working day, or the longest lifetime the service accepts (AUTH_TOKEN_MAX_LIFETIME) if shorter. */
const LIFETIME_SECONDS = 8 * 3600;

/**
 * Development only: the console's picker of demo users. Answers 404 in production and whenever the
 * signing secret was configured (see {@link mayMintDemoTokens}), as if the routes did not exist.
 */
@ApiTags('development')
@Controller('dev')
@Public()
export class DevTokensController {
  constructor(
    @Inject(AUTH_CONFIG) private readonly auth: AuthConfig,
    @Inject(CONSOLE_OPTIONS) private readonly options: ConsoleOptions,
  ) {}

  @ApiOperation({ summary: 'The demo users (development only)' })
  @Get('demo-users')
  users(): { users: DemoUser[] } {
    this.signingConfig();
    return { users: demoUsers(this.options.catalog) };
  }

  @ApiOperation({ summary: 'A token for a demo user (development only)' })
  @Post('tokens')
  @HttpCode(201)
  async mint(@Body() body: unknown): Promise<{ token: string; expiresIn: string; user: DemoUser }> {
    const config = this.signingConfig();
    const checked = demoClaims(body ?? {}, this.options.catalog);
    if ('errors' in checked) throw new BadRequest(checked.errors);
    const { claims } = checked;
    const lifetime = Math.min(LIFETIME_SECONDS, maxTokenLifetimeOf(config));
    const token = await signSharedSecretToken(config, claims, { expiresIn: lifetime });
    const role = claims.roles[0]!;
    return { token, expiresIn: `${lifetime}s`, user: { role, name: claims.name ?? claims.sub, ...(claims.department ? { department: claims.department } : {}) } };
  }

  private signingConfig() {
    if (!mayMintDemoTokens(this.options.production, this.auth)) throw new NotFoundException('Cannot find this route');
    return this.auth;
  }
}
