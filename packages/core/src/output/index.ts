export { formatFindings, formatFindingsJunit, formatFindingsTap, OUTPUT_FORMATS, type FindingsReportOptions, type OutputFormat } from './findings.js';
export { formatFindingsGithub } from './github.js';
export { junitXml, xmlEscape, type JunitCase, type JunitOutcome, type JunitSuite } from './junit.js';
export { artifactUri, formatFindingsSarif, SARIF_LEVEL, type SarifOptions, type SarifResultText, type SarifRuleText } from './sarif.js';
export { tapStream, type TapPoint } from './tap.js';
export { paint, printable, wrapToWidth, type TextStyle } from './terminal.js';
