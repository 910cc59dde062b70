{{/* Names and labels shared by every template. */}}
{{- define "calchain.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "calchain.selectorLabels" -}}
app.kubernetes.io/name: calchain
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "calchain.labels" -}}
{{ include "calchain.selectorLabels" . }}
app.kubernetes.io/part-of: calchain
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* A service's settings merged over the defaults. */}}
{{- define "calchain.service" -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc)) -}}
{{- end -}}

{{- define "calchain.image" -}}
{{- printf "%s/%s-%s:%s" .root.Values.image.registry .root.Values.image.repository .name .root.Values.image.tag -}}
{{- end -}}

{{/* Environment of a service container (also used by its migration Job, which runs before the ConfigMap exists). */}}
{{- define "calchain.env" -}}
- name: PORT
  value: {{ .svc.port | quote }}
- name: HOST
  value: "0.0.0.0"
- name: KAFKA_BROKERS
  {{- if .root.Values.kafka.enabled }}
  value: {{ printf "%s-kafka-0.%s-kafka:9092" .root.Release.Name .root.Release.Name | quote }}
  {{- else }}
  value: {{ .root.Values.external.kafkaBrokers | quote }}
  {{- end }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ .root.Values.external.kafkaTopicPrefix | quote }}
- name: REDIS_KEY_PREFIX
  value: {{ .root.Values.external.redisKeyPrefix | default "" | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ .name | quote }}
{{- with .root.Values.tracing.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- range $key, $value := .root.Values.config }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- if eq .name "gateway" }}
{{- range $other, $o := .root.Values.services }}
{{- if ne $other "gateway" }}
- name: {{ upper $other }}_URL
  value: {{ printf "http://%s:%v" (include "calchain.fullname" (dict "root" $.root "name" $other)) $o.port | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- $secret := .root.Values.secrets.existingSecret }}
{{- $keys := list "DATABASE_URL" "JWT_SECRET" "REDIS_URL" }}
{{- if .svc.dataKey }}{{ $keys = append $keys "QUALITY_DATA_KEY" }}{{ end }}
{{- range $keys }}
- name: {{ . }}
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ . }} }
{{- end }}
{{- end -}}

{{- define "calchain.securityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
capabilities: { drop: [ALL] }
seccompProfile: { type: RuntimeDefault }
{{- end -}}
