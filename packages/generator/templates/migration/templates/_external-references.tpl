{{/*
What a step's pod refers to that the chart does not create (see "<CHARTNAME>.externalAnnotation"):
claims named in volumes.<name>.claimName, credentials Secrets, pull secrets.
Call with (dict "root" $ "step" $step).
*/}}
{{- define "<CHARTNAME>.externalReferences" -}}
{{- $volumes := .root.Values.volumes | default dict }}
{{- $claims := list }}
{{- range .step.claims }}
{{- if (get $volumes .volume | default dict).claimName }}
{{- $claims = append $claims .claimName }}
{{- end }}
{{- end }}
{{- include "<CHARTNAME>.externalAnnotation" (dict
  "pullSecrets" .root.Values.imagePullSecrets
  "containers" (list .step)
  "claims" $claims) }}
{{- end }}
