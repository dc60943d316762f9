{{/*
Objects the chart refers to but does not create — names that come from values: a pull secret, an
existing claim, a credentials Secret — as the annotation `chartforge.dev/external: "Kind/name,…"`,
which `chartforge lint` and `chartforge validate` read so their reference rules take exactly these
names to exist (a reference to anything else that is missing is still reported). Optional
references are left out (they may be absent). Renders nothing when there are none.
Call with (dict "pullSecrets" list "containers" list "volumes" list "secrets" list "claims" list):
containers are anything with `env` and `envFrom` (a container, an init step), volumes are pod volumes.
*/}}
{{- define "<CHARTNAME>.externalAnnotation" -}}
{{- $refs := list }}
{{- range .pullSecrets }}
{{- with .name }}{{ $refs = append $refs (printf "Secret/%s" .) }}{{ end }}
{{- end }}
{{- range .containers }}
{{- range .envFrom }}
{{- with .secretRef }}{{ if and .name (not .optional) }}{{ $refs = append $refs (printf "Secret/%s" .name) }}{{ end }}{{ end }}
{{- with .configMapRef }}{{ if and .name (not .optional) }}{{ $refs = append $refs (printf "ConfigMap/%s" .name) }}{{ end }}{{ end }}
{{- end }}
{{- range .env }}
{{- with .valueFrom }}
{{- with .secretKeyRef }}{{ if and .name (not .optional) }}{{ $refs = append $refs (printf "Secret/%s" .name) }}{{ end }}{{ end }}
{{- with .configMapKeyRef }}{{ if and .name (not .optional) }}{{ $refs = append $refs (printf "ConfigMap/%s" .name) }}{{ end }}{{ end }}
{{- end }}
{{- end }}
{{- end }}
{{- range .volumes }}
{{- with .secret }}{{ if and .secretName (not .optional) }}{{ $refs = append $refs (printf "Secret/%s" .secretName) }}{{ end }}{{ end }}
{{- with .configMap }}{{ if and .name (not .optional) }}{{ $refs = append $refs (printf "ConfigMap/%s" .name) }}{{ end }}{{ end }}
{{- with .persistentVolumeClaim }}{{ with .claimName }}{{ $refs = append $refs (printf "PersistentVolumeClaim/%s" .) }}{{ end }}{{ end }}
{{- end }}
{{- range .secrets }}
{{- if . }}{{ $refs = append $refs (printf "Secret/%s" .) }}{{ end }}
{{- end }}
{{- range .claims }}
{{- if . }}{{ $refs = append $refs (printf "PersistentVolumeClaim/%s" .) }}{{ end }}
{{- end }}
{{- with $refs }}
"chartforge.dev/external": {{ . | uniq | sortAlpha | join "," | quote }}
{{- end }}
{{- end }}

{{/*
NOTES.txt's list of what a release uses but does not create, which must exist before its pods can
start: the objects of every "chartforge.dev/external" annotation the chart renders, its
PriorityClass and the StorageClasses of the claims it creates. Renders nothing when there are none.
Call with (dict "root" $ "annotations" (list …the rendered annotations) "storageClasses" (list …)).
*/}}
{{- define "<CHARTNAME>.externalNotes" -}}
{{- $refs := list }}
{{- range .annotations }}
{{- with get (fromYaml .) "chartforge.dev/external" }}{{ $refs = concat $refs (splitList "," .) }}{{ end }}
{{- end }}
{{- with .root.Values.priorityClassName }}{{ $refs = append $refs (printf "PriorityClass/%s (cluster-wide)" .) }}{{ end }}
{{- range .storageClasses }}
{{- if . }}{{ $refs = append $refs (printf "StorageClass/%s (cluster-wide)" .) }}{{ end }}
{{- end }}
{{- with $refs }}

It uses objects it does not create; they must exist before its pods can start (namespace {{ $.root.Release.Namespace }}):
{{- range uniq . | sortAlpha }}
  {{ . }}
{{- end }}
{{- end }}
{{- end }}
