// The JetBrains HTTP Client API for handler and pre-request scripts, on plain QuickJS.
// hit evaluates this once per run; `__hit_run(input, source)` runs one script and returns
// what it did as JSON. The only way out of the sandbox is `__hit_digest` (hashes).
"use strict";
// Kept without a prototype: a name such as `__proto__` or `constructor` is only a name.
var __hit_globals = Object.create(null);
(function () {
  const G = globalThis;
  const text = (v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v));
  const lower = (s) => String(s).toLowerCase();
  const has = (o, name) => Object.prototype.hasOwnProperty.call(o, name);
  class Assertion extends Error {}
  class Exit {}
  let state;

  const global = {
    // A global set to null or undefined is no value: `{{name}}` stays unknown.
    set: (name, value) => { if (value == null) delete __hit_globals[name]; else __hit_globals[String(name)] = value; },
    get: (name) => (has(__hit_globals, name) ? __hit_globals[name] : null),
    isEmpty: () => Object.keys(__hit_globals).length === 0,
    clear: (name) => { delete __hit_globals[name]; },
    clearAll: () => { for (const k of Object.keys(__hit_globals)) delete __hit_globals[k]; },
  };
  G.client = {
    global,
    test: (name, fn) => { state.tests.push([String(name), fn]); },
    assert: (condition, message) => {
      if (!condition) throw new Assertion(message === undefined ? "assertion failed" : String(message));
    },
    log: (...parts) => { state.logs.push(parts.map((p) => (typeof p === "string" ? p : text(p))).join(" ")); },
    exit: () => { throw new Exit(); },
  };

  // $random, as the JetBrains docs list it.
  const pick = (chars, n) => { let s = ""; for (let i = 0; i < n; i++) s += chars[Math.floor(Math.random() * chars.length)]; return s; };
  const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const between = ([from, to]) => {
    if (to === undefined) [from, to] = [0, from === undefined ? 1000 : from];
    return from + Math.random() * (to - from);
  };
  const DIGITS = "0123456789";
  G.$random = {
    get uuid() {
      const h = pick("0123456789abcdef", 32).split("");
      h[12] = "4"; h[16] = "89ab"[Math.floor(Math.random() * 4)];
      const s = h.join("");
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    // One bound is the upper one, as in {{$random.integer(100000)}}.
    integer: (...bounds) => Math.floor(between(bounds)),
    float: (...bounds) => between(bounds),
    alphabetic: (n = 10) => pick(LETTERS, n),
    alphanumeric: (n = 10) => pick(LETTERS + DIGITS + "_", n),
    hexadecimal: (n = 10) => pick("0123456789abcdef", n),
    get email() { return `${pick(LETTERS.slice(0, 26), 8)}@${pick(LETTERS.slice(0, 26), 6)}.com`; },
    get bool() { return Math.random() < 0.5; },
  };
  Object.defineProperty(G, "$uuid", { get: () => G.$random.uuid });
  Object.defineProperty(G, "$timestamp", { get: () => Math.floor(Date.now() / 1000) });
  Object.defineProperty(G, "$isoTimestamp", { get: () => new Date().toISOString() });
  Object.defineProperty(G, "$randomInt", { get: () => G.$random.integer(0, 1000) });

  // crypto: hashes and HMACs over bytes kept as a string of char codes 0-255.
  const utf8 = (s) => unescape(encodeURIComponent(String(s)));
  const fromHex = (h) => { let b = ""; for (let i = 0; i + 1 < h.length; i += 2) b += String.fromCharCode(parseInt(h.substr(i, 2), 16)); return b; };
  const toHex = (b) => { let h = ""; for (let i = 0; i < b.length; i++) h += b.charCodeAt(i).toString(16).padStart(2, "0"); return h; };
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const toBase64 = (b, urlSafe) => {
    let out = "";
    for (let i = 0; i < b.length; i += 3) {
      const n = (b.charCodeAt(i) << 16) | ((b.charCodeAt(i + 1) || 0) << 8) | (b.charCodeAt(i + 2) || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < b.length ? B64[n & 63] : "=");
    }
    return urlSafe ? out.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") : out;
  };
  const fromBase64 = (s) => {
    s = String(s).replace(/-/g, "+").replace(/_/g, "/").replace(/[^A-Za-z0-9+/]/g, "");
    let b = "", bits = 0, n = 0;
    for (const c of s) { n = (n << 6) | B64.indexOf(c); bits += 6; if (bits >= 8) { bits -= 8; b += String.fromCharCode((n >> bits) & 255); } }
    return b;
  };
  const digest = (bytes) => ({ toHex: () => toHex(bytes), toBase64: (urlSafe) => toBase64(bytes, urlSafe) });
  const hasher = (alg, key) => {
    let data = "";
    const h = {
      updateWithText: (t) => { data += utf8(t); return h; },
      updateWithHex: (t) => { data += fromHex(String(t)); return h; },
      updateWithBase64: (t) => { data += fromBase64(t); return h; },
      digest: () => digest(fromHex(__hit_digest(alg, toHex(data), key === undefined ? null : toHex(key)))),
    };
    return h;
  };
  const hmac = (alg) => () => ({
    withTextSecret: (s) => hasher(alg, utf8(s)),
    withHexSecret: (s) => hasher(alg, fromHex(String(s))),
    withBase64Secret: (s) => hasher(alg, fromBase64(s)),
  });
  const ALGS = ["md5", "sha1", "sha256", "sha384", "sha512"];
  G.crypto = { hmac: {} };
  for (const alg of ALGS) {
    G.crypto[alg] = () => hasher(alg);
    G.crypto.hmac[alg] = hmac(alg);
  }

  const headerList = (pairs) => ({
    valueOf: (name) => { const hit = pairs.find((p) => lower(p[0]) === lower(name)); return hit ? hit[1] : null; },
    valuesOf: (name) => pairs.filter((p) => lower(p[0]) === lower(name)).map((p) => p[1]),
  });
  const response = (r) => {
    const [mime, ...params] = (r.contentType || "").split(";").map((s) => s.trim());
    const charset = params.map((p) => p.split("=")).find((p) => lower(p[0]) === "charset");
    let body = r.body;
    if (body !== null && /^application\/(.+\+)?json$|\/json$/i.test(mime)) {
      try { body = JSON.parse(body); } catch (e) { /* not JSON after all: the text */ }
    }
    return {
      status: r.status,
      body,
      headers: headerList(r.headers),
      contentType: { mimeType: mime || null, charset: charset ? charset[1] : null },
    };
  };
  const request = (r) => {
    const headers = r.headers.map(([name, raw, filled]) => ({
      name, value: filled, getRawValue: () => raw, tryGetSubstitutedValue: () => filled,
    }));
    headers.all = () => headers;
    headers.findByName = (name) => headers.find((h) => lower(h.name) === lower(name)) || null;
    return {
      method: r.method,
      url: { getRaw: () => r.url[0], tryGetSubstituted: () => r.url[1], toString: () => r.url[1] },
      headers,
      body: { getRaw: () => r.body, tryGetSubstituted: () => r.body },
      environment: { get: (name) => (has(r.env, name) ? r.env[name] : null) },
      variables: {
        set: (name, value) => { state.variables[String(name)] = text(value); },
        get: (name) => (has(state.variables, name) ? state.variables[name] : global.get(name)),
      },
    };
  };
  // Running out of memory is told by the engine (QuickJS throws null when it cannot make
  // the error): a thrown null here is the script's own.
  const why = (e) => (e == null ? `threw ${e}` : e instanceof Error ? (e instanceof Assertion ? e.message : `${e.name}: ${e.message}`) : text(e));

  G.__hit_run = function (input, source) {
    const r = JSON.parse(input);
    state = { logs: [], tests: [], variables: Object.create(null) };
    const out = { logs: state.logs, tests: [], variables: state.variables, error: null };
    const args = [G.client, r.response ? response(r.response) : undefined, request(r.request)];
    try {
      new Function("client", "response", "request", source)(...args);
    } catch (e) {
      if (!(e instanceof Exit)) out.error = { message: why(e), assertion: e instanceof Assertion };
    }
    if (out.error === null) {
      for (const [name, fn] of state.tests) {
        let failed = null;
        try { fn(); } catch (e) { if (!(e instanceof Exit)) failed = why(e); }
        out.tests.push({ name, failed });
      }
    }
    out.globals = Object.create(null);
    for (const k of Object.keys(__hit_globals)) out.globals[k] = text(__hit_globals[k]);
    return JSON.stringify(out);
  };
})();
