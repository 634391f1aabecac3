#!/bin/sh
# Get and renew a Let's Encrypt certificate for the site in nginx-tls.conf (docs/howto/deployment.md).
set -eu
# --8<-- [start:first]
# First certificate (nginx serves port 80 with the challenge location; the 443 block comes after):
certbot certonly --webroot -w /var/www/certbot -d jobs.example.com \
    --email admin@example.com --agree-tos --no-eff-email
# --8<-- [end:first]
# --8<-- [start:renew]
# Renewal: run twice a day (cron or a systemd timer); it renews only certificates near expiry,
# and reloads nginx only when one was renewed.
certbot renew --quiet --deploy-hook "nginx -s reload"
# Rehearse it against the staging server, without touching the real certificate:
certbot renew --dry-run
# --8<-- [end:renew]
