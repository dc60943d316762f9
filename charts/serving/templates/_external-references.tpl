{{/*
What the serving pods refer to that the chart does not create (see "serving.externalAnnotation").
*/}}
{{- define "serving.externalReferences" -}}
{{- $v := .Values }}
{{- include "serving.externalAnnotation" (dict
  "pullSecrets" $v.imagePullSecrets
  "containers" (list (dict "env" $v.env "envFrom" $v.envFrom))
  "volumes" $v.extraVolumes
  "secrets" (list (ternary $v.model.source.uri.secretName "" (eq $v.model.source.type "uri")))
  "claims" (list (ternary $v.model.source.pvc.claimName "" (eq $v.model.source.type "pvc")))) }}
{{- end }}
