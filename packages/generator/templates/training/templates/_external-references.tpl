{{/*
What the training and evaluation pods refer to that the chart does not create (see
"<CHARTNAME>.externalAnnotation"): existing dataset and checkpoint claims, credentials, user volumes.
*/}}
{{- define "<CHARTNAME>.externalReferences" -}}
{{- $v := .Values }}
{{- include "<CHARTNAME>.externalAnnotation" (dict
  "pullSecrets" $v.imagePullSecrets
  "containers" (concat (list (dict "env" $v.env "envFrom" $v.envFrom)) ($v.initSteps | default list))
  "volumes" $v.extraVolumes
  "secrets" (list $v.output.secretName)
  "claims" (list (ternary $v.dataset.existingClaim "" $v.dataset.enabled) (ternary $v.checkpoints.existingClaim "" $v.checkpoints.enabled))) }}
{{- end }}
