#!/bin/sh
# Run an image you built on your machine in a local cluster, with no registry.
set -eu
# --8<-- [start:build]
docker build -t jobboard-api:dev-1 .
# --8<-- [end:build]
# --8<-- [start:kind]
kind load docker-image jobboard-api:dev-1       # copies the image into the kind nodes
# --8<-- [end:kind]
# --8<-- [start:minikube]
minikube image load jobboard-api:dev-1          # copies the image into the minikube node
# --8<-- [end:minikube]
# --8<-- [start:use]
# The exact tag, never latest: then Kubernetes pulls only when the node lacks the image.
kubectl set image deployment/jobboard-web web=jobboard-api:dev-1
kubectl rollout status deployment/jobboard-web
# --8<-- [end:use]
