// Value syntax the OpenAPI schemas name by `format` or by definition, checked the way the API
// server's decoders check it (apimachinery's int32/int64 fields, resource.Quantity, RFC 3339),
// and the JSON-Schema formats kubeconform checks in CRD schemas (duration, hostname, ipv6).

import { isIPv6 } from 'node:net';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// 2^63 is the first double above int64's maximum (2^63-1 is not representable).
const INT64_LIMIT = 2 ** 63;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

// Go's time.ParseDuration: a sequence of decimal numbers with units, or a bare 0.
const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
// ISO 8601 (RFC 3339 appendix A), as JSON Schema's `duration`: weeks alone, or date then time parts in order.
const ISO_8601_DURATION = /^P(?:\d+W|(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?|T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)$/;
const HOSTNAME_LABEL = /^[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

function isHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOSTNAME_LABEL.test(label));
}

/** Returns a message when `value` breaks `format`, undefined when it conforms or the format is not checked. */
export function checkFormat(format: string, value: unknown): string | undefined {
  switch (format) {
    case 'int32':
      if (typeof value === 'number' && Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX)) return `${value} is out of range for int32 (${INT32_MIN} to ${INT32_MAX})`;
      return undefined;
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value) && (value > INT64_LIMIT || value < -INT64_LIMIT)) return `${value} is out of range for int64`;
      return undefined;
    case 'byte':
      if (typeof value === 'string' && !BASE64.test(value.replace(/\s+/g, ''))) return 'must be base64-encoded data';
      return undefined;
    case 'date-time':
      if (typeof value === 'string' && !DATE_TIME.test(value)) return `${JSON.stringify(value)} is not an RFC 3339 date-time`;
      return undefined;
    case 'date':
      if (typeof value === 'string' && !DATE.test(value)) return `${JSON.stringify(value)} is not a date (YYYY-MM-DD)`;
      return undefined;
    case 'uuid':
      if (typeof value === 'string' && !UUID.test(value)) return `${JSON.stringify(value)} is not a UUID`;
      return undefined;
    case 'ipv4':
      if (typeof value === 'string' && !IPV4.test(value)) return `${JSON.stringify(value)} is not an IPv4 address`;
      return undefined;
    case 'ipv6':
      if (typeof value === 'string' && !isIPv6(value)) return `${JSON.stringify(value)} is not an IPv6 address`;
      return undefined;
    case 'hostname':
      if (typeof value === 'string' && !isHostname(value)) return `${JSON.stringify(value)} is not a hostname (RFC 1123)`;
      return undefined;
    case 'duration':
      // kubeconform accepts either spelling; the API server's CRD validation reads Go's.
      if (typeof value === 'string' && !GO_DURATION.test(value) && !ISO_8601_DURATION.test(value)) return `${JSON.stringify(value)} is not a duration (Go's 1h30m or ISO 8601's PT1H30M)`;
      return undefined;
    default:
      return undefined;
  }
}

// resource.Quantity: <signedNumber><suffix>, suffix one of the binary SI (Ki…Ei), decimal SI
// (n u m "" k M G T P E) or a decimal exponent (e3, E-2). apimachinery/pkg/api/resource/quantity.go.
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function checkQuantity(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'is not a valid quantity';
  if (typeof value !== 'string') return undefined;
  if (QUANTITY.test(value)) return undefined;
  return `${JSON.stringify(value)} is not a valid quantity (expected a number with an optional suffix such as 500m, 2, 1.5, 128Mi or 1Gi)`;
}
