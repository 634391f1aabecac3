#!/bin/sh
# One release: migrate once, then roll the web pods (docs/howto/kubernetes.md).
set -eu
# --8<-- [start:release]
kubectl apply -f migrate-job.yaml
# Block until the migration finished; a failed Job makes this time out, and the release stops.
kubectl wait --for=condition=complete job/jobboard-migrate-1-0-1 --timeout=10m
kubectl set image deployment/jobboard-web web=registry.example.com/jobboard-api:1.0.1
kubectl rollout status deployment/jobboard-web --timeout=5m
# --8<-- [end:release]
