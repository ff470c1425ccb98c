"""An OAuth 2.0 authorization server hit did not write, for tests/cli/oauth_independent.rs.

Built on oauthlib (https://github.com/oauthlib/oauthlib), a widely used implementation of
RFC 6749 and RFC 7636. It listens on 127.0.0.1 on a free port and prints
`listening on http://127.0.0.1:PORT`; exits 3 with a note when oauthlib is not installed.

Clients: `confidential` (secret `shh`: client_credentials, authorization_code, refresh_token)
and `public` (no secret: authorization_code with PKCE, refresh_token). /authorize approves at
once; /api/me answers 200 for a live access token and 401 with RFC 6750's challenge else.
Access tokens live TOKEN_TTL seconds (the first argument, 3600 by default); refresh tokens
rotate.
"""

import base64
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

try:
    from oauthlib.oauth2 import RequestValidator, Server
except ImportError:
    print("oauthlib is not installed (pip install oauthlib)", file=sys.stderr)
    sys.exit(3)

# Plain http on loopback: oauthlib otherwise insists on https.
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"

CLIENTS = {"confidential": "shh", "public": None}
LOCK = threading.Lock()
CODES = {}  # code -> dict(client_id, redirect_uri, scopes, challenge, method)
ACCESS = {}  # token -> client_id
REFRESH = {}  # token -> (client_id, scopes)


class Validator(RequestValidator):
    def client_authentication_required(self, request, *args, **kwargs):
        return CLIENTS.get(request.client_id) is not None or "Authorization" in request.headers

    def authenticate_client(self, request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        if CLIENTS.get(client_id) != secret or secret is None:
            return False
        request.client_id = client_id
        request.client = type("Client", (), {"client_id": client_id})()
        return True

    def authenticate_client_id(self, client_id, request, *args, **kwargs):
        if client_id not in CLIENTS or CLIENTS[client_id] is not None:
            return False
        request.client = type("Client", (), {"client_id": client_id})()
        return True

    def validate_client_id(self, client_id, request, *args, **kwargs):
        return client_id in CLIENTS

    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return urlsplit(redirect_uri).hostname == "127.0.0.1"

    def get_default_redirect_uri(self, client_id, request, *args, **kwargs):
        return None

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        return response_type == "code"

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        return all(scope in ("read", "write") for scope in scopes)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return ["read"]

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        if CLIENTS.get(client_id) is None:
            return grant_type in ("authorization_code", "refresh_token")
        return grant_type in ("client_credentials", "authorization_code", "refresh_token")

    def is_pkce_required(self, client_id, request):
        return True

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        with LOCK:
            CODES[code["code"]] = {
                "client_id": client_id,
                "redirect_uri": request.redirect_uri,
                "scopes": request.scopes,
                "challenge": request.code_challenge,
                "method": request.code_challenge_method,
            }

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        with LOCK:
            grant = CODES.get(code)
        if grant is None or grant["client_id"] != client_id:
            return False
        request.scopes = grant["scopes"]
        request.user = "alice"
        return True

    def get_code_challenge(self, code, request):
        with LOCK:
            return CODES.get(code, {}).get("challenge")

    def get_code_challenge_method(self, code, request):
        with LOCK:
            return CODES.get(code, {}).get("method")

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, request, *args, **kwargs):
        with LOCK:
            return CODES.get(code, {}).get("redirect_uri") == redirect_uri

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        with LOCK:
            CODES.pop(code, None)

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        with LOCK:
            held = REFRESH.get(refresh_token)
        if held is None or held[0] != client.client_id:
            return False
        request.user = "alice"
        return True

    def get_original_scopes(self, refresh_token, request, *args, **kwargs):
        with LOCK:
            return REFRESH[refresh_token][1]

    def is_within_original_scope(self, request_scopes, refresh_token, request, *args, **kwargs):
        return True

    def rotate_refresh_token(self, request):
        return True

    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        with LOCK:
            REFRESH.pop(token, None)
            ACCESS.pop(token, None)

    def save_bearer_token(self, token, request, *args, **kwargs):
        client_id = request.client.client_id
        with LOCK:
            # A rotated refresh token replaces the one it was made with.
            if request.grant_type == "refresh_token":
                REFRESH.pop(request.refresh_token, None)
            ACCESS[token["access_token"]] = client_id
            if "refresh_token" in token:
                REFRESH[token["refresh_token"]] = (client_id, request.scopes)


TTL = int(sys.argv[1]) if len(sys.argv) > 1 else 3600
SERVER = Server(Validator(), token_expires_in=TTL)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        body = (body or "").encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def uri(self):
        return "http://127.0.0.1:%d%s" % (self.server.server_port, self.path)

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/authorize":
            try:
                scopes, credentials = SERVER.validate_authorization_request(self.uri(), "GET")
                headers, body, status = SERVER.create_authorization_response(
                    self.uri(), "GET", scopes=scopes, credentials=credentials
                )
            except Exception as err:  # an invalid request: shown, not redirected
                return self.answer(400, {"Content-Type": "text/plain"}, str(err))
            return self.answer(status, headers, body)
        if path == "/api/me":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            with LOCK:
                client = ACCESS.get(token)
            if client is None:
                challenge = 'Bearer realm="oauthlib", error="invalid_token"'
                return self.answer(401, {"WWW-Authenticate": challenge}, "")
            return self.answer(200, {"Content-Type": "application/json"}, json.dumps({"client": client}))
        self.answer(404, {}, "")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        path = urlsplit(self.path).path
        if path == "/token":
            headers, body, status = SERVER.create_token_response(
                self.uri(), "POST", body, dict(self.headers)
            )
            return self.answer(status, headers, body)
        if path == "/revoke":
            headers, body, status = SERVER.create_revocation_response(
                self.uri(), "POST", body, dict(self.headers)
            )
            return self.answer(status, headers, body)
        self.answer(404, {}, "")


if __name__ == "__main__":
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("listening on http://127.0.0.1:%d" % httpd.server_port, flush=True)
    httpd.serve_forever()
