"""Kubernetes probes call the pod's IP address: what Django says when that IP is not an allowed host."""
from __future__ import annotations

import pytest
from catalogue import assert_reproduces
from django.core.exceptions import DisallowedHost
from django.test import RequestFactory

POD_IP = "10.244.1.17"  # an address from a typical pod network; probes send it as the Host header


def test_probe_with_pod_ip_host_is_refused(client):
    response = client.get("/health/live/", HTTP_HOST=f"{POD_IP}:8000")
    assert response.status_code == 400  # the kubelet counts this as a failed probe


def test_disallowed_host_message():
    request = RequestFactory().get("/health/live/", HTTP_HOST=f"{POD_IP}:8000")
    with pytest.raises(DisallowedHost) as info:
        request.get_host()
    assert_reproduces(str(info.value), "kubernetes/disallowed-host-pod-ip")


def test_probe_with_the_host_header_of_the_deployment_passes(client, settings):
    settings.ALLOWED_HOSTS = ["jobs.example.com"]  # what deploy/k8s/deployment.yaml's probes send
    assert client.get("/health/live/", HTTP_HOST="jobs.example.com").status_code == 200
