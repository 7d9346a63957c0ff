import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type GenerateKeyPairResult, type JWK, SignJWT } from 'jose';
import { type Actor } from './actor.js';
import { type AuthConfig, type SharedSecretAuthConfig } from './auth-config.js';
import { AuthModule } from './auth.module.js';
import { CurrentActor, Public, Roles } from './decorators.js';
import { signSharedSecretToken } from './sign-token.js';

const TEST_SECRET = 'test-secret-of-at-least-32-bytes-0123456789';

const sharedSecretConfig = (overrides: Partial<SharedSecretAuthConfig> = {}): SharedSecretAuthConfig => ({
  kind: 'shared-secret',
  secret: TEST_SECRET,
  secretSource: 'env',
  ...overrides,
});

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Roles('auditor')
  @Get('audit')
  audit(@CurrentActor() actor: Actor): { auditedBy: string } {
    return { auditedBy: actor.id };
  }
}

interface RunningApp {
  url: string;
  close(): Promise<void>;
}

async function startApp(config: AuthConfig | (() => Promise<AuthConfig>)): Promise<RunningApp> {
  const auth = typeof config === 'function' ? AuthModule.forRootAsync({ useFactory: config }) : AuthModule.forRoot(config);

  @Module({ imports: [auth], controllers: [ProbeController] })
  class ProbeModule {}

  const app: INestApplication = await NestFactory.create(ProbeModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function get(url: string, token?: string, authorization?: string): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** A plain node:http server on 127.0.0.1 answering every request with `body()` as JSON. */
async function serveJson(body: () => unknown): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

const hs256 = (claims: Record<string, unknown>, secret = TEST_SECRET, alg = 'HS256'): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject('u-1')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));

/** 401 in Nest's error shape, with a Bearer challenge, and nothing of the token in the answer. */
function expectUnauthorized(response: JsonResponse, token?: string): void {
  expect(response.status).toBe(401);
  expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  expect(typeof response.body.message).toBe('string');
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
  if (token !== undefined) {
    const answer = JSON.stringify(response.body) + [...response.headers.values()].join(' ');
    for (const part of token.split('.').filter((p) => p.length >= 8)) expect(answer).not.toContain(part);
  }
}

describe('AuthGuard over HTTP, HS256 shared secret', () => {
  let app: RunningApp;
  const config = sharedSecretConfig();
  const tokenFor = (claims: Parameters<typeof signSharedSecretToken>[1], expiresIn?: string | number) =>
    signSharedSecretToken(config, claims, expiresIn === undefined ? {} : { expiresIn });

  beforeAll(async () => {
    app = await startApp(config);
  });
  afterAll(async () => {
    await app.close();
  });

  it('a valid token gets through and the route receives its actor', async () => {
    const token = await tokenFor({ sub: 'u-42', name: 'Ada Lovelace', roles: ['handler', 'intake'], department: 'housing' });
    const response = await get(`${app.url}/me`, token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'u-42', name: 'Ada Lovelace', roles: ['handler', 'intake'], department: 'housing' });
  });

  it('@Public() routes are served without a token', async () => {
    const response = await get(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('a request without a token is refused with 401 and a Bearer challenge', async () => {
    const response = await get(`${app.url}/me`);
    expectUnauthorized(response);
    expect(response.body.message).toBe('missing bearer token');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('an Authorization header that is not "Bearer <token>" is refused with 401', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Token abc']) {
      expectUnauthorized(await get(`${app.url}/me`, undefined, header));
    }
  });

  it('a malformed token is refused with 401', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', `${base64url({ alg: 'HS256' })}.${base64url('x')}.`]) {
      const response = await get(`${app.url}/me`, token);
      expectUnauthorized(response, token);
    }
  });

  it('a token with a forged signature is refused with 401', async () => {
    const signedWithAnotherSecret = await hs256({ roles: ['admin'] }, 'another-secret-of-at-least-32-bytes-000');
    const genuine = await tokenFor({ sub: 'u-1', roles: ['intake'] });
    const [header, , signature] = genuine.split('.');
    const escalated = `${header}.${base64url({ sub: 'u-1', roles: ['auditor'], exp: nowSeconds() + 300 })}.${signature}`;
    for (const token of [signedWithAnotherSecret, escalated]) {
      const response = await get(`${app.url}/audit`, token);
      expectUnauthorized(response, token);
      expect(response.body.message).toBe('invalid token signature');
    }
  });

  it('an expired token is refused with 401', async () => {
    const token = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuedAt(nowSeconds() - 3600)
      .setExpirationTime(nowSeconds() - 120)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const response = await get(`${app.url}/me`, token);
    expectUnauthorized(response, token);
    expect(response.body.message).toBe('token expired');
  });

  it('an unsigned alg:none token is refused with 401', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${base64url({ alg, typ: 'JWT' })}.${base64url({ sub: 'u-1', roles: ['admin', 'auditor'], exp: nowSeconds() + 300 })}.`;
      expectUnauthorized(await get(`${app.url}/me`, token), token);
    }
  });

  it('an HS512 token is refused when HS256 is expected, even with the right secret', async () => {
    const token = await hs256({ roles: ['auditor'] }, TEST_SECRET, 'HS512');
    const response = await get(`${app.url}/me`, token);
    expectUnauthorized(response, token);
    expect(response.body.message).toBe('token algorithm not allowed');
  });

  it('an RS256 token from a JWKS-style key pair is refused when a shared secret is configured', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-1')
      .setExpirationTime('5m')
      .sign(privateKey);
    const response = await get(`${app.url}/me`, token);
    expectUnauthorized(response, token);
    expect(response.body.message).toBe('token algorithm not allowed');
  });

  it('a token without any of the @Roles() roles is refused with 403 naming them', async () => {
    const token = await tokenFor({ sub: 'u-1', roles: ['handler', 'manager'] });
    const response = await get(`${app.url}/audit`, token);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, message: 'requires one of the roles: auditor' });
  });

  it('a token with one of the @Roles() roles gets through', async () => {
    const token = await tokenFor({ sub: 'u-7', roles: ['handler', 'auditor'] });
    const response = await get(`${app.url}/audit`, token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ auditedBy: 'u-7' });
  });

  it('admin does not implicitly hold the other roles', async () => {
    const token = await tokenFor({ sub: 'root', roles: ['admin'] });
    expect((await get(`${app.url}/audit`, token)).status).toBe(403);
    expect((await get(`${app.url}/me`, token)).status).toBe(200);
  });

  it('a token whose roles are all unknown (or none) has no access: 403', async () => {
    for (const roles of [['superuser', 'root'], []]) {
      const token = await hs256({ roles });
      const response = await get(`${app.url}/me`, token);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, message: 'the token grants no known role' });
    }
  });
});

describe('AuthGuard over HTTP, RS256/ES256 keys from a JWKS URL', () => {
  let app: RunningApp;
  let jwks: { url: string; close(): Promise<void> };
  let rsa: GenerateKeyPairResult;
  let ec: GenerateKeyPairResult;
  let publishedKeys: JWK[];

  const sign = (key: CryptoKey, alg: string, kid: string, claims: Record<string, unknown> = { roles: ['auditor'] }) =>
    new SignJWT(claims).setProtectedHeader({ alg, kid }).setSubject('u-9').setExpirationTime('5m').sign(key);

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    publishedKeys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = await serveJson(() => ({ keys: publishedKeys }));
    // forRootAsync, as an AppModule would use it with loadAuthConfig(process.env).
    app = await startApp(async () => ({ kind: 'jwks', jwksUrl: jwks.url }));
  });
  afterAll(async () => {
    await app?.close();
    await jwks?.close();
  });

  it('RS256 and ES256 tokens signed by keys of the JWKS get through', async () => {
    for (const token of [await sign(rsa.privateKey, 'RS256', 'rsa-1'), await sign(ec.privateKey, 'ES256', 'ec-1')]) {
      const response = await get(`${app.url}/audit`, token);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ auditedBy: 'u-9' });
    }
  });

  it('an HS256 token is refused when JWKS is configured, even one keyed with the published public key', async () => {
    const publicJwk = JSON.stringify(publishedKeys[0]);
    for (const secret of [TEST_SECRET, publicJwk]) {
      const token = await hs256({ roles: ['auditor'] }, secret);
      const response = await get(`${app.url}/audit`, token);
      expectUnauthorized(response, token);
    }
  });

  it('a token signed by a key absent from the JWKS is refused with 401', async () => {
    const stranger = await generateKeyPair('RS256');
    for (const kid of ['rsa-1', 'unknown-kid']) {
      const token = await sign(stranger.privateKey, 'RS256', kid);
      expectUnauthorized(await get(`${app.url}/audit`, token), token);
    }
  });

  it('an unreachable JWKS URL answers 503, not 401: the token is not at fault', async () => {
    const gone = await serveJson(() => ({ keys: [] }));
    await gone.close();
    const orphan = await startApp({ kind: 'jwks', jwksUrl: gone.url });
    try {
      const response = await get(`${orphan.url}/audit`, await sign(rsa.privateKey, 'RS256', 'rsa-1'));
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, message: 'cannot verify tokens right now' });
    } finally {
      await orphan.close();
    }
  });
});
