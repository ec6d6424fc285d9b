"""The whole suite on Kubernetes (issue 16): writes infra/k8s/ordersuite.yaml.

    .venv/bin/python tools/k8s.py           # regenerate (tests/contract/test_k8s.py fails
                                            # while the committed file is stale)

One source for every department's Deployment, so the six stay alike: a Deployment per
service and the gateway with liveness/readiness probes, a Service each, an Ingress for
the gateway, a ConfigMap and a Secret (development placeholders: generate real values,
never commit them), HorizontalPodAutoscalers for the gateway and the busiest services,
and PostgreSQL and RabbitMQ as external dependencies, through their cluster operators'
resources (CloudNativePG `Cluster`, RabbitMQ Cluster Operator `RabbitmqCluster`).
Each service's broker user comes from infra/rabbitmq/broker-users.k8s.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "infra" / "k8s" / "ordersuite.yaml"
SERVICES = ("sales", "planning", "procurement", "quality", "logistics", "aftersales")
# The ones journeys load most (bench/journeys.py: the gateway, then sales and planning).
AUTOSCALED = {"gateway": (2, 8), "sales": (2, 6), "planning": (2, 6), "logistics": (2, 4)}
IMAGE = "ordersuite:dev"
PART_OF = {"app.kubernetes.io/part-of": "ordersuite"}
METRICS_PORT = 9101
GATEWAY_PORT = 8000


def _labels(app: str) -> dict:
    return {"app": app, **PART_OF}


def _secret(key: str, name: str = "ordersuite") -> dict:
    return {"valueFrom": {"secretKeyRef": {"name": name, "key": key}}}


def config_map() -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "ordersuite-config", "labels": PART_OF},
            "data": {"ORDERSUITE_ENV": "production", "METRICS_ADDR": "0.0.0.0",
                     "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector:4318",
                     "REDIS_URL": "redis://redis:6379/0",
                     # a 3-node broker: event and command queues replicated (servicekit.topology)
                     "QUEUE_TYPE": "quorum"}}


def secret() -> dict:
    urls = {f"{service}-database-url":
            f"postgresql://ordersuite:CHANGE-ME@ordersuite-postgres-rw:5432/{service}"
            for service in SERVICES}
    return {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "ordersuite", "labels": PART_OF},
            "stringData": {**urls, "jwt-secret": "CHANGE-ME", "actor-signing-key": "CHANGE-ME"}}


def _container(name: str, command: list[str], env: list[dict], port: tuple[str, int],
               live: dict, ready: dict, resources: dict) -> dict:
    return {"name": name, "image": IMAGE, "command": command,
            "envFrom": [{"configMapRef": {"name": "ordersuite-config"}}],
            "env": env, "ports": [{"name": port[0], "containerPort": port[1]}],
            "livenessProbe": {**live, "periodSeconds": 10, "failureThreshold": 3},
            "readinessProbe": {**ready, "periodSeconds": 5, "failureThreshold": 2},
            "startupProbe": {**live, "periodSeconds": 2, "failureThreshold": 60},
            "resources": resources}


def deployment(app: str, container: dict, replicas: int = 2, port: int = METRICS_PORT) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": app, "labels": _labels(app)},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": app}},
                     "strategy": {"type": "RollingUpdate",
                                  "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
                     "template": {
                         "metadata": {"labels": _labels(app),
                                      "annotations": {"prometheus.io/scrape": "true",
                                                      "prometheus.io/port": str(port)}},
                         "spec": {"terminationGracePeriodSeconds": 30,
                                  "containers": [container]}}}}


def service_deployment(service: str) -> dict:
    """A department: competing consumers on its queues, as many replicas as it needs."""
    metrics = {"httpGet": {"path": "/metrics", "port": "metrics"}}
    env = [{"name": "AMQP_URI", **_secret("amqp-uri", f"ordersuite-amqp-{service}")},
           {"name": f"{service.upper()}_DATABASE_URL", **_secret(f"{service}-database-url")},
           {"name": "ACTOR_SIGNING_KEY", **_secret("actor-signing-key")},
           {"name": f"{service.upper()}_METRICS_PORT", "value": str(METRICS_PORT)},
           {"name": "OTEL_SERVICE_NAME", "value": service}]
    # The metrics endpoint answers once the container started (migrations run, queues
    # declared), and stops answering if the process hangs.
    container = _container(service, ["servicekit", "run", service], env,
                           ("metrics", METRICS_PORT), metrics, metrics,
                           {"requests": {"cpu": "100m", "memory": "256Mi"},
                            "limits": {"memory": "512Mi"}})
    return deployment(service, container)


def gateway_deployment() -> dict:
    env = [{"name": "AMQP_URI", **_secret("amqp-uri", "ordersuite-amqp-gateway")},
           {"name": "JWT_SECRET", **_secret("jwt-secret")},
           {"name": "ACTOR_SIGNING_KEY", **_secret("actor-signing-key")},
           {"name": "OTEL_SERVICE_NAME", "value": "gateway"}]
    command = ["uvicorn", "gateway.main:app", "--host", "0.0.0.0", "--port", str(GATEWAY_PORT),
               "--workers", "2", "--loop", "uvloop", "--http", "httptools", "--no-access-log",
               "--timeout-graceful-shutdown", "20"]
    container = _container(
        "gateway", command, env, ("http", GATEWAY_PORT),
        {"httpGet": {"path": "/health/live", "port": "http"}},
        {"httpGet": {"path": "/health", "port": "http"}},  # every department answers
        {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "768Mi"}})
    return deployment("gateway", container, port=GATEWAY_PORT)


def service(app: str, port: tuple[str, int], target: str) -> dict:
    return {"apiVersion": "v1", "kind": "Service",
            "metadata": {"name": app, "labels": _labels(app)},
            "spec": {"selector": {"app": app},
                     "ports": [{"name": port[0], "port": port[1], "targetPort": target}]}}


def ingress() -> dict:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": {"name": "ordersuite", "labels": PART_OF},
            "spec": {"ingressClassName": "nginx",
                     "tls": [{"hosts": ["ordersuite.example.com"],
                              "secretName": "ordersuite-tls"}],
                     "rules": [{"host": "ordersuite.example.com", "http": {"paths": [
                         {"path": "/", "pathType": "Prefix",
                          "backend": {"service": {"name": "gateway",
                                                  "port": {"name": "http"}}}}]}}]}}


def autoscaler(app: str, least: int, most: int) -> dict:
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": app, "labels": _labels(app)},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                        "name": app},
                     "minReplicas": least, "maxReplicas": most,
                     "metrics": [{"type": "Resource", "resource": {
                         "name": "cpu", "target": {"type": "Utilization",
                                                   "averageUtilization": 70}}}]}}


def rabbitmq_cluster() -> dict:
    """RabbitMQ Cluster Operator: three nodes, the definitions of the broker users loaded."""
    return {"apiVersion": "rabbitmq.com/v1beta1", "kind": "RabbitmqCluster",
            "metadata": {"name": "rabbitmq", "labels": PART_OF},
            "spec": {"replicas": 3,
                     "resources": {"requests": {"cpu": "500m", "memory": "1Gi"},
                                   "limits": {"memory": "2Gi"}},
                     "rabbitmq": {"additionalConfig":
                                  "load_definitions = /etc/rabbitmq/definitions.json\n"},
                     "override": {"statefulSet": {"spec": {"template": {"spec": {
                         "containers": [{"name": "rabbitmq", "volumeMounts": [
                             {"name": "definitions", "mountPath": "/etc/rabbitmq/definitions.json",
                              "subPath": "definitions.json"}]}],
                         "volumes": [{"name": "definitions", "configMap": {
                             "name": "rabbitmq-definitions"}}]}}}}}}}


def postgres_cluster() -> dict:
    """CloudNativePG: three instances; one database per service (each its own owner in a
    real set-up), the services reach the primary at ordersuite-postgres-rw."""
    create = [f"CREATE DATABASE {name} OWNER ordersuite" for name in SERVICES[1:]]
    return {"apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster",
            "metadata": {"name": "ordersuite-postgres", "labels": PART_OF},
            "spec": {"instances": 3, "storage": {"size": "20Gi"},
                     "bootstrap": {"initdb": {"database": SERVICES[0], "owner": "ordersuite",
                                              "postInitSQL": create}}}}


def documents() -> list[dict]:
    docs = [config_map(), secret()]
    for name in SERVICES:
        docs += [service_deployment(name), service(name, ("metrics", METRICS_PORT), "metrics")]
    docs += [gateway_deployment(), service("gateway", ("http", 80), "http"), ingress()]
    docs += [autoscaler(app, *bounds) for app, bounds in AUTOSCALED.items()]
    return [*docs, rabbitmq_cluster(), postgres_cluster()]


def render() -> str:
    header = ("# Generated by tools/k8s.py: edit that, then run it (a contract test compares).\n"
              "# Secrets hold placeholders: generate real values, never commit them.\n")
    return header + "---\n".join(yaml.safe_dump(doc, sort_keys=False, width=100)
                                 for doc in documents())


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
