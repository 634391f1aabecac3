#!/bin/sh
# HTTPS on your own machine with a self-signed certificate (docs/howto/deployment.md).
set -eu
# --8<-- [start:cert]
openssl req -x509 -newkey rsa:2048 -nodes -days 30 \
    -keyout dev-key.pem -out dev-cert.pem \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
# --8<-- [end:cert]
# --8<-- [start:serve]
gunicorn --certfile dev-cert.pem --keyfile dev-key.pem --bind 127.0.0.1:8443 config.wsgi:application
# --8<-- [end:serve]
