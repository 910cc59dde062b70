"""Checks the rendered custom resources that Kubernetes' own schemas do not cover.

ServiceMonitor and PrometheusRule (prometheus-operator CRDs) have no schema in kubernetes-validate,
so they are checked here against what they must do: the ServiceMonitor selects every CalChain
Service on a port that Service has, and the PrometheusRule carries exactly the rules file that
promtool checks and the Prometheus test evaluates. Usage: check-custom-resources.py RENDERED RULES
"""
import sys
import yaml

rendered, rules_file = sys.argv[1], sys.argv[2]
docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
known = {('v1', k) for k in ('Service', 'ConfigMap')} | {
    ('apps/v1', 'Deployment'), ('apps/v1', 'StatefulSet'), ('batch/v1', 'Job'), ('autoscaling/v2', 'HorizontalPodAutoscaler'),
    ('policy/v1', 'PodDisruptionBudget'), ('networking.k8s.io/v1', 'NetworkPolicy'), ('networking.k8s.io/v1', 'Ingress'),
    ('monitoring.coreos.com/v1', 'ServiceMonitor'), ('monitoring.coreos.com/v1', 'PrometheusRule')}
errors = [f"unexpected kind {d.get('apiVersion')}/{d.get('kind')}" for d in docs if (d.get('apiVersion'), d.get('kind')) not in known]
# The six services' Services (not the optional PostgreSQL/Kafka/Redis of a self-contained install).
services = [d for d in docs if d['kind'] == 'Service' and d['metadata']['labels'].get('app.kubernetes.io/name') == 'calchain']
for monitor in (d for d in docs if d['kind'] == 'ServiceMonitor'):
    wanted = monitor['spec']['selector']['matchLabels']
    selected = [s for s in services if wanted.items() <= s['metadata']['labels'].items()]
    if len(selected) != len(services) or not services:
        errors.append(f"ServiceMonitor selects {len(selected)} of {len(services)} Services")
    for endpoint in monitor['spec']['endpoints']:
        for s in selected:
            if endpoint['port'] not in {p['name'] for p in s['spec']['ports']}:
                errors.append(f"ServiceMonitor port {endpoint['port']} missing on {s['metadata']['name']}")
        if endpoint.get('path') != '/metrics':
            errors.append('ServiceMonitor must scrape /metrics')
    if not all(k in monitor['metadata'] for k in ('name', 'labels')):
        errors.append('ServiceMonitor metadata incomplete')
for rule in (d for d in docs if d['kind'] == 'PrometheusRule'):
    if rule['spec'] != yaml.safe_load(open(rules_file)):
        errors.append('PrometheusRule differs from ' + rules_file)
for dashboard in (d for d in docs if d['kind'] == 'ConfigMap' and 'grafana_dashboard' in d['metadata'].get('labels', {})):
    import json
    for name, text in dashboard['data'].items():
        if not json.loads(text).get('panels'):
            errors.append(f'dashboard {name} has no panels')
counts = {}
for d in docs:
    counts[d['kind']] = counts.get(d['kind'], 0) + 1
print('custom resources ok' if not errors else '\n'.join(errors), '|', ' '.join(f'{k}={v}' for k, v in sorted(counts.items())))
sys.exit(1 if errors else 0)
