// Runs third-party verifiers against a credential TrainingHub issued, and prints one JSON line per check.
//   node verify.mjs jose <file with a VC-JWT>       jose verifies the signature with the key its `kid` dereferences to,
//                                                   then fetches the status list the badge names, verifies it the same
//                                                   way and reads the badge's bit.
//   node verify.mjs schema <file with credential JSON>   the 1EdTech OB 3.0 JSON Schema (SCHEMA-SOURCE.md), with ajv.
//   node verify.mjs dcc <file with credential JSON>      the Digital Credentials Consortium's verifier-core.
//   node verify.mjs xapi <file with a JSON array of xAPI statements>   Learning Locker's xAPI 1.0.3 validator.
//   node verify.mjs canonize <file with JSON-LD>         the canonical N-Quads (RDFC-1.0) an eddsa-rdfc-2022 proof signs,
//                                                   made by the cryptosuite verifier-core uses (jsonld.js in safe mode,
//                                                   rdf-canonize) with verifier-core's own offline document loader.
// Exit code 0 when the tool ran (whatever it concluded; the test reads the conclusion), 2 for bad usage.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

// Read from node_modules directly: some packages do not export their package.json.
const version = (name) => JSON.parse(readFileSync(fileURLToPath(new URL(`./node_modules/${name}/package.json`, import.meta.url)))).version;
const [, , command, file] = process.argv;
const print = (result) => console.log(JSON.stringify(result));

async function fetchText(url, accept) {
  const response = await fetch(url, { headers: { accept } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

async function verifyJwt(jose, jwt, typ) {
  const header = jose.decodeProtectedHeader(jwt);
  // OB 3.0 section 8.2.3: the kid is a URI that dereferences to the public key as a JWK.
  const jwk = JSON.parse(await fetchText(header.kid, 'application/jwk+json'));
  const key = await jose.importJWK(jwk, header.alg);
  const { payload, protectedHeader } = await jose.jwtVerify(jwt, key, { typ, algorithms: ['ES256'] });
  return { header: protectedHeader, payload, jwkKid: jwk.kid };
}

async function joseCheck(jwt) {
  const jose = await import('jose');
  const result = { tool: 'jose', version: version('jose') };
  try {
    const badge = await verifyJwt(jose, jwt.trim(), 'JWT');
    const status = badge.payload.credentialStatus;
    const list = await verifyJwt(jose, (await fetchText(status.statusListCredential, 'application/vc+jwt')).trim(), 'vc+jwt');
    const encoded = list.payload.credentialSubject.encodedList;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(status.statusListIndex);
    const revoked = (bits[index >> 3] & (0x80 >> (index % 8))) !== 0;
    Object.assign(result, {
      verified: true,
      header: badge.header,
      kidDereferencedTo: badge.jwkKid,
      iss: badge.payload.iss,
      sub: badge.payload.sub,
      credentialSubjectId: badge.payload.credentialSubject?.id,
      jti: badge.payload.jti,
      nbf: badge.payload.nbf,
      statusList: { verified: true, typ: list.header.typ, kid: list.header.kid, nbf: list.payload.nbf, validFrom: list.payload.validFrom, issuer: list.payload.issuer },
      revoked,
    });
  } catch (error) {
    Object.assign(result, { verified: false, error: `${error.code ?? error.name}: ${error.message}` });
  }
  print(result);
}

async function schemaCheck(credential) {
  const { default: Ajv } = await import('ajv');
  const schema = JSON.parse(readFileSync(new URL('./ob_v3p0_achievementcredential_schema_draft4.json', import.meta.url)));
  // The file is draft-04 in name only (it uses $defs); ajv's default dialect reads every keyword it uses.
  delete schema.$schema;
  schema.required = schema.required.map((name) => (name === 'issuanceDate' ? 'validFrom' : name));
  schema.properties.validFrom = schema.properties.issuanceDate;
  // This copy closes CredentialStatus to {id, type}; the current spec source lets it carry a status method's own
  // properties ("Mixin Extensions" in ob_v3p0/common_credentials.lines), which every VC 2.0 status entry needs.
  schema.$defs.CredentialStatus.additionalProperties = true;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  const valid = validate(credential);
  print({
    tool: 'ajv', version: version('ajv'), schema: schema.$id,
    adaptation: 'required issuanceDate read as validFrom (VC 2.0); CredentialStatus open to extensions (current spec source)',
    valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`),
  });
}

async function dccCheck(credential) {
  const { verifyCredential } = await import('@digitalcredentials/verifier-core');
  const response = await verifyCredential({ credential, knownDIDRegistries: [] });
  delete response.credential;
  for (const e of response.errors ?? []) delete e.stackTrace;
  print({ tool: '@digitalcredentials/verifier-core', version: version('@digitalcredentials/verifier-core'), response });
}

// xAPI 1.0.3 statements (a JSON array) checked one by one with Learning Locker's validator (ADR 0021).
async function xapiCheck(statements) {
  const loaded = await import('@learninglocker/xapi-validation');
  const validate = loaded.default.default ?? loaded.default;
  const results = statements.map((statement) => {
    // The validator returns its warnings (an empty list for a valid statement) rather than throwing.
    const warnings = validate(statement).map((w) => `${(w.path ?? []).join('.')} ${w.name ?? w.constructor?.name ?? 'Warning'}`);
    return { id: statement.id, valid: warnings.length === 0, warnings };
  });
  print({ tool: '@learninglocker/xapi-validation', version: version('@learninglocker/xapi-validation'), results });
}

async function canonize(document) {
  const { cryptosuite } = await import('@digitalcredentials/eddsa-rdfc-2022-cryptosuite');
  const { securityLoader } = await import('@digitalcredentials/security-document-loader');
  // No remote fetching: only the contexts the loader ships, as when it checks a proof.
  const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();
  const result = { tool: 'jsonld', version: version('@digitalcredentials/jsonld'), rdfCanonize: version('rdf-canonize') };
  try {
    result.nquads = await cryptosuite.canonize(document, { documentLoader });
  } catch (error) {
    result.error = `${error.name}: ${error.message}`;
  }
  print(result);
}

const checks = {
  jose: joseCheck,
  schema: (text) => schemaCheck(JSON.parse(text)),
  dcc: (text) => dccCheck(JSON.parse(text)),
  canonize: (text) => canonize(JSON.parse(text)),
  xapi: (text) => xapiCheck(JSON.parse(text)),
};
if (!checks[command] || !file) {
  console.error('usage: node verify.mjs jose|schema|dcc|canonize|xapi FILE');
  process.exit(2);
}
await checks[command](readFileSync(file, 'utf8'));
