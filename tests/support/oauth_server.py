#!/usr/bin/env python3
"""An OAuth 2.0 authorization server that hit did not write, for hit's tests (issue 28).

The protocol is oauthlib's (https://pypi.org/project/oauthlib/): its Server validates every
authorization, token, revocation and resource request, checks PKCE, mints tokens and writes the
RFC 6749 §5.2 errors. This file holds only what oauthlib leaves to the program using it: the
clients, the storage (in memory), the discovery document, and HTTP on http.server.

    python3 oauth_server.py --port 0 --ttl 60

binds 127.0.0.1 (port 0: any free port), prints its base URL as the first line of stdout and
logs each request to stderr with secrets masked. Endpoints: /authorize (approves at once: there
is no user to ask), /token, /revoke, /.well-known/oauth-authorization-server, and /api/me,
which needs a valid Bearer token.

Clients: indep-cli / indep-secret (confidential: client_credentials, authorization_code,
refresh_token; Basic or body authentication) and indep-public (public: authorization_code,
refresh_token). PKCE with S256 is required of every authorization code; redirect URIs must
be loopback (RFC 8252 §7.3). Refresh tokens rotate: the one used is void afterwards.
"""

import argparse
import base64
import hmac
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import parse_qsl, unquote_plus, urlsplit

from oauthlib.oauth2 import FatalClientError, InvalidRequestError, OAuth2Error, RequestValidator, Server


@dataclass(frozen=True)
class Client:
    client_id: str
    # None for a public client, which cannot keep a secret.
    secret: Optional[str]
    grant_types: tuple


CLIENTS = {
    c.client_id: c
    for c in (
        Client("indep-cli", "indep-secret", ("client_credentials", "authorization_code", "refresh_token")),
        Client("indep-public", None, ("authorization_code", "refresh_token")),
    )
}
SCOPES = ("read", "write")
# The resource owner every authorization code is approved for.
USER = "indep-user"
CODE_LIFETIME = 60


@dataclass
class Grant:
    """What an authorization code stands for until it is exchanged."""

    client_id: str
    redirect_uri: str
    scopes: list
    challenge: str
    method: str
    expires_at: float


@dataclass
class Token:
    client_id: str
    scopes: list
    user: Optional[str]
    expires_at: float = field(default=float("inf"))


class Validator(RequestValidator):
    """The storage and policy oauthlib asks its user for; oauthlib does the rest."""

    def __init__(self):
        self.codes = {}
        self.access = {}
        self.refresh = {}

    # Clients.

    def client_authentication_required(self, request, *args, **kwargs):
        client = CLIENTS.get(request.client_id)
        return "Authorization" in request.headers or client is None or client.secret is not None

    def authenticate_client(self, request, *args, **kwargs):
        basic = basic_credentials(request.headers.get("Authorization"))
        body = (request.client_id, request.client_secret) if request.client_secret else None
        # RFC 6749 §2.3: a client uses one authentication method per request.
        if (basic is None) == (body is None):
            return False
        client_id, secret = basic or body
        client = CLIENTS.get(client_id)
        if client is None or client.secret is None:
            return False
        if not hmac.compare_digest(client.secret.encode(), secret.encode()):
            return False
        request.client, request.client_id = client, client_id
        return True

    def authenticate_client_id(self, client_id, request, *args, **kwargs):
        client = CLIENTS.get(client_id)
        if client is None or client.secret is not None:
            return False
        request.client = client
        return True

    def validate_client_id(self, client_id, request, *args, **kwargs):
        return client_id in CLIENTS

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        return grant_type in client.grant_types

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        return response_type == "code" and "authorization_code" in CLIENTS[client_id].grant_types

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        return all(scope in SCOPES for scope in scopes)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return ["read"]

    # Authorization codes.

    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        parts = urlsplit(redirect_uri)
        return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")

    def get_default_redirect_uri(self, client_id, request, *args, **kwargs):
        return None

    def is_pkce_required(self, client_id, request):
        return True

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        self.codes[code["code"]] = Grant(
            client_id,
            request.redirect_uri,
            request.scopes,
            request.code_challenge,
            request.code_challenge_method,
            time.time() + CODE_LIFETIME,
        )

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        grant = self.codes.get(code)
        if grant is None or grant.client_id != client_id or grant.expires_at < time.time():
            return False
        request.scopes, request.user = grant.scopes, USER
        return True

    def get_code_challenge(self, code, request):
        grant = self.codes.get(code)
        return grant.challenge if grant else None

    def get_code_challenge_method(self, code, request):
        grant = self.codes.get(code)
        return grant.method if grant else None

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, request, *args, **kwargs):
        return self.codes[code].redirect_uri == redirect_uri

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        self.codes.pop(code, None)

    # Tokens.

    def save_bearer_token(self, token, request, *args, **kwargs):
        user = getattr(request, "user", None)
        if request.grant_type == "refresh_token":
            # Rotation: the refresh token just used is void from now on.
            user = self.refresh.pop(request.refresh_token).user
        scopes = token["scope"].split() if "scope" in token else request.scopes
        self.access[token["access_token"]] = Token(
            request.client_id, scopes, user, time.time() + token["expires_in"]
        )
        if "refresh_token" in token:
            self.refresh[token["refresh_token"]] = Token(request.client_id, scopes, user)

    def validate_bearer_token(self, token, scopes, request):
        held = self.access.get(token)
        if held is None or held.expires_at <= time.time():
            return False
        request.client_id, request.scopes, request.user = held.client_id, held.scopes, held.user
        return all(scope in held.scopes for scope in scopes)

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        held = self.refresh.get(refresh_token)
        return held is not None and held.client_id == client.client_id

    def get_original_scopes(self, refresh_token, request, *args, **kwargs):
        return self.refresh[refresh_token].scopes

    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        # RFC 7009 §2.1: only the client a token was issued to may revoke it.
        for store in (self.access, self.refresh):
            if token in store and store[token].client_id == request.client_id:
                del store[token]


def s256_only(request):
    """Refuses a plain PKCE challenge, which oauthlib would accept (OAuth 2.1 drops it)."""
    if request.code_challenge_method != "S256":
        raise InvalidRequestError(description="code_challenge_method must be S256", request=request)
    return {}


def basic_credentials(header):
    """The client id and secret of an HTTP Basic header, form-decoded (RFC 6749 §2.3.1)."""
    scheme, _, value = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, sep, secret = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except ValueError:
        return None
    return (unquote_plus(client_id), unquote_plus(secret)) if sep else None


# Parameters never written to the log as they came.
SECRETS = {"client_secret", "code", "code_verifier", "refresh_token", "token", "access_token"}


def masked(pairs):
    return " ".join(f"{k}={'***' if k in SECRETS else v}" for k, v in pairs)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Set by main: the oauthlib server, the lock it runs under and the base URL.
    oauth = None
    lock = None
    base = ""

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        uri = self.base + self.path
        path = urlsplit(self.path).path
        headers = dict(self.headers)
        routes = {
            ("GET", "/.well-known/oauth-authorization-server"): self.discovery,
            ("GET", "/authorize"): self.authorize,
            ("POST", "/token"): self.oauth.create_token_response,
            ("POST", "/revoke"): self.oauth.create_revocation_response,
            ("GET", "/api/me"): self.me,
        }
        route = routes.get((method, path))
        if route is None:
            answer = {"Content-Type": "application/json"}, json.dumps({"error": "not_found"}), 404
        else:
            # One request at a time through the stores: two refreshes with one refresh token
            # cannot both succeed.
            with self.lock:
                answer = route(uri, method, body, headers)
        words = [method, path, masked(parse_qsl(urlsplit(self.path).query) + parse_qsl(body))]
        scheme = self.headers.get("Authorization", "").partition(" ")[0]
        words += [f"[{scheme} auth]" if scheme else "", f"-> {answer[2]}"]
        sys.stderr.write(" ".join(word for word in words if word) + "\n")
        self.reply(*answer)

    def discovery(self, uri, method, body, headers):
        document = {
            "issuer": self.base,
            "authorization_endpoint": self.base + "/authorize",
            "token_endpoint": self.base + "/token",
            "revocation_endpoint": self.base + "/revoke",
            "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "scopes_supported": list(SCOPES),
        }
        return {"Content-Type": "application/json"}, json.dumps(document), 200

    def authorize(self, uri, method, body, headers):
        try:
            scopes, _ = self.oauth.validate_authorization_request(uri, method, body, headers)
        except FatalClientError as e:
            # A bad client or redirect URI is told to the user, never redirected (RFC 6749 §4.1.2.1).
            return {"Content-Type": "application/json"}, e.json, e.status_code
        except OAuth2Error as e:
            return {"Location": e.in_uri(e.redirect_uri)}, "", 302
        # No user to ask: the resource owner approves at once.
        return self.oauth.create_authorization_response(uri, method, body, headers, scopes, {"user": USER})

    def me(self, uri, method, body, headers):
        valid, request = self.oauth.verify_request(uri, method, body, headers, scopes=[])
        if not valid:
            # RFC 6750 §3.1: no error code when the request carried no token at all.
            if "Authorization" in self.headers:
                challenge, error = 'Bearer error="invalid_token"', "invalid_token"
            else:
                challenge, error = 'Bearer realm="indep"', "unauthorized"
            headers = {"Content-Type": "application/json", "WWW-Authenticate": challenge}
            return headers, json.dumps({"error": error}), 401
        document = {
            "sub": request.user or request.client_id,
            "client_id": request.client_id,
            "scope": " ".join(request.scopes),
        }
        return {"Content-Type": "application/json"}, json.dumps(document), 200

    def reply(self, headers, body, status):
        data = (body or "").encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        # dispatch logs each request itself, with its secrets masked.
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--ttl", type=int, default=60, help="access token lifetime in seconds")
    args = parser.parse_args()
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    Handler.oauth = Server(Validator(), token_expires_in=args.ttl)
    Handler.oauth.auth_grant.custom_validators.post_auth.append(s256_only)
    Handler.lock = threading.Lock()
    Handler.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    print(Handler.base, flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
