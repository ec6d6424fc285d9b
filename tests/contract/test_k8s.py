"""Kubernetes for the whole suite (issue 16): infra/k8s/ordersuite.yaml is what
tools/k8s.py writes, every standard resource in it is valid against the Kubernetes
schemas (kubernetes-validate), and the suite is all there: a probed Deployment and a
Service per department and the gateway, an Ingress, autoscalers, the operators'
PostgreSQL and RabbitMQ clusters."""

from __future__ import annotations

import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import k8s  # noqa: E402

from suite import SERVICES  # noqa: E402

DOCS = list(yaml.safe_load_all(k8s.OUT.read_text(encoding="utf-8")))
OPERATOR_KINDS = {("rabbitmq.com/v1beta1", "RabbitmqCluster"),
                  ("postgresql.cnpg.io/v1", "Cluster")}
KUBERNETES = "1.30.0"


def _of(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in DOCS if doc["kind"] == kind}


def test_the_committed_manifests_are_what_the_generator_writes():
    assert k8s.OUT.read_text(encoding="utf-8") == k8s.render(), "run tools/k8s.py"


@pytest.mark.parametrize("doc", [d for d in DOCS
                                 if (d["apiVersion"], d["kind"]) not in OPERATOR_KINDS],
                         ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_each_resource_is_valid_against_the_kubernetes_schema(doc):
    kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_every_department_and_the_gateway_run_probed_behind_a_service():
    deployments, services = _of("Deployment"), _of("Service")
    assert set(deployments) == set(services) == {*SERVICES, "gateway"}
    for name, deployment in deployments.items():
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        assert {"livenessProbe", "readinessProbe"} <= set(container), name
        assert deployment["spec"]["replicas"] >= 2, f"{name}: competing consumers"
        ports = {port["name"] for port in container["ports"]}
        assert services[name]["spec"]["ports"][0]["targetPort"] in ports


def test_each_service_reads_its_own_broker_user_and_database_from_secrets():
    users = {doc["metadata"]["name"] for doc in yaml.safe_load_all(
        (ROOT / "infra" / "rabbitmq" / "broker-users.k8s.yaml").read_text(encoding="utf-8"))
             if doc["kind"] == "Secret"}
    secret_keys = set(_of("Secret")["ordersuite"]["stringData"])
    for name, deployment in _of("Deployment").items():
        env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
        assert env["AMQP_URI"]["valueFrom"]["secretKeyRef"]["name"] in users
        if name != "gateway":
            database = env[f"{name.upper()}_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
            assert database["key"] in secret_keys


def test_the_gateway_is_reached_through_an_ingress_and_the_busiest_autoscale():
    [ingress] = _of("Ingress").values()
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "gateway"
    scaled = {doc["spec"]["scaleTargetRef"]["name"] for doc in _of("HorizontalPodAutoscaler")
              .values()}
    assert {"gateway", "sales", "planning"} <= scaled <= set(_of("Deployment"))


def test_postgresql_and_rabbitmq_come_from_their_operators_replicated():
    kinds = {(doc["apiVersion"], doc["kind"]): doc for doc in DOCS}
    assert kinds[("rabbitmq.com/v1beta1", "RabbitmqCluster")]["spec"]["replicas"] == 3
    assert kinds[("postgresql.cnpg.io/v1", "Cluster")]["spec"]["instances"] == 3


def test_the_image_holds_no_local_environment_or_state():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".venv", "var", ".git"} <= ignored
