// Release names as Helm accepts them (pkg/chartutil validName: dot-separated RFC 1123 labels, at
// most 53 characters), for the name property tests: short ones, digits first, and full-length ones.
import fc from 'fast-check';

const LABEL = '[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?';

export const helmReleaseName: fc.Arbitrary<string> = fc
  .stringMatching(new RegExp(`^${LABEL}(\\.${LABEL}){0,2}$`))
  .chain((name) => fc.constantFrom(name, `${name}-${'x'.repeat(52)}`.slice(0, 53).replace(/[-.]+$/, '')));
