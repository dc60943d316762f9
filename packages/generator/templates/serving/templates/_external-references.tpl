{{/*
What the serving pods refer to that the chart does not create (see "<CHARTNAME>.externalAnnotation").
*/}}
{{- define "<CHARTNAME>.externalReferences" -}}
{{- $v := .Values }}
{{- $secrets := list }}
{{- $claims := list }}
{{- if eq $v.model.source.type "uri" }}
{{- $secrets = append $secrets $v.model.source.uri.secretName }}
{{- else if eq $v.model.source.type "pvc" }}
{{- $claims = append $claims $v.model.source.pvc.claimName }}
{{- end }}
{{- include "<CHARTNAME>.externalAnnotation" (dict
  "pullSecrets" $v.imagePullSecrets
  "containers" (list (dict "env" $v.env "envFrom" $v.envFrom))
  "volumes" $v.extraVolumes
  "secrets" $secrets
  "claims" $claims) }}
{{- end }}
