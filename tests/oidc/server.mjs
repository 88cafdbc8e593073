// A real, certified OpenID provider (node-oidc-provider) on loopback for the SSO tests.
//
// Authorization code + PKCE (S256 required), client_secret_basic, the RFC 9207 `iss` callback
// parameter, the signed-in account chosen by the test, login and consent approved without a page.
// Tests steer it through /_control:
//   POST /_control/account  {sub, email, email_verified, given_name, family_name}
//   POST /_control/rotate   a new signing key under the SAME key id (providers do this)
//   POST /_control/mode     {foreign_audience: bool}: ID tokens re-signed for another client
//                           (aud=["other-app"], azp=<our client>), a token the client must refuse
//   GET  /_control/stats    {jwks_requests, token_requests}
// Configuration from the environment: OIDC_PORT (0 = any free port), OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma separated). Prints `READY <issuer>` when up.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';

import { CompactSign, decodeJwt, importJWK } from 'jose';
import Provider from 'oidc-provider';

const CLIENT_ID = process.env.OIDC_CLIENT_ID || 'studio-web';
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET || 'studio-oidc-client-secret';
const REDIRECT_URIS = (process.env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:8080/api/auth/oauth/test-idp/callback')
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);
const KID = 'harness-key';

const state = {
  account: {
    sub: 'oidc-user-1',
    email: 'victim@example.com',
    email_verified: true,
    given_name: 'Vera',
    family_name: 'Victim',
  },
  foreignAudience: false,
  jwksRequests: 0,
  tokenRequests: 0,
  key: null,
};

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
}

function buildProvider(issuer) {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: REDIRECT_URIS,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: 'other-app',
        client_secret: 'other-app-secret-0123456789',
        redirect_uris: ['http://127.0.0.1:1/other'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [state.key] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    // The client reads the e-mail from the ID token, as Google's does.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => {
        const { account } = state;
        return {
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          given_name: account.given_name,
          family_name: account.family_name,
          name: `${account.given_name} ${account.family_name}`,
        };
      },
    }),
    // Consent is given once and for all: every client gets the scopes it asks for.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    if (ctx.path === '/jwks') state.jwksRequests += 1;
    if (ctx.path === '/token') state.tokenRequests += 1;
    await next();
    if (ctx.path === '/token' && state.foreignAudience && ctx.body && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token) };
    }
  });
  return provider;
}

async function resign(idToken) {
  const claims = { ...decodeJwt(idToken), aud: ['other-app'], azp: CLIENT_ID };
  const key = await importJWK(state.key, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .sign(key);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let provider;
let issuer;

async function control(req, res, path) {
  if (path === '/_control/account' && req.method === 'POST') {
    state.account = { ...state.account, ...(await readJson(req)) };
    return reply(res, 200, state.account);
  }
  if (path === '/_control/rotate' && req.method === 'POST') {
    state.key = newKey();
    provider = buildProvider(issuer);
    return reply(res, 200, { kid: KID });
  }
  if (path === '/_control/mode' && req.method === 'POST') {
    const body = await readJson(req);
    state.foreignAudience = Boolean(body.foreign_audience);
    return reply(res, 200, { foreign_audience: state.foreignAudience });
  }
  if (path === '/_control/stats') {
    return reply(res, 200, { jwks_requests: state.jwksRequests, token_requests: state.tokenRequests });
  }
  return reply(res, 404, { error: 'unknown control' });
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const result =
    details.prompt.name === 'login' ? { login: { accountId: state.account.sub } } : { consent: {} };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://harness').pathname;
  const handle = path.startsWith('/_control/')
    ? control(req, res, path)
    : path.startsWith('/interaction/')
      ? interaction(req, res)
      : Promise.resolve(provider.callback()(req, res));
  handle.catch((error) => {
    console.error(error);
    if (!res.headersSent) reply(res, 500, { error: String(error) });
  });
});

server.listen(Number(process.env.OIDC_PORT || 0), '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  state.key = newKey();
  provider = buildProvider(issuer);
  console.log(`READY ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
