import { podRule, violation } from '../support/define.js';
import { objectsIn } from '../support/objects.js';
import { containersOf, describeContainer } from '../support/pod.js';

const SECRET_WORDS = new Set(['SECRET', 'PASSWORD', 'PASSWD', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY']);
const SECRET_PAIRS = new Set(['API_KEY', 'ACCESS_KEY', 'PRIVATE_KEY', 'SECRET_KEY']);
/** Suffixes naming where a credential is, not the credential: DB_PASSWORD_FILE, TOKEN_PATH, SECRET_NAME. */
const POINTER_SUFFIXES = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'REF']);

/** Whether an env var name reads as a credential; matches whole `_`-separated words (TOKENIZERS is not TOKEN). */
export function looksSecret(name: string): boolean {
  const words = name.toUpperCase().split(/[_\-.]/);
  if (POINTER_SUFFIXES.has(words[words.length - 1] ?? '')) return false;
  return words.some((word, i) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word}_${words[i + 1] ?? ''}`));
}

export default podRule(
  {
    id: 'env-secret-literal',
    category: 'best-practice',
    severity: 'warning',
    summary: 'Credentials must come from a Secret (valueFrom.secretKeyRef), not a literal env value',
  },
  function* (pod) {
    for (const ref of containersOf(pod)) {
      for (const { value, path } of objectsIn(ref.container, ['env'])) {
        if (typeof value.name === 'string' && typeof value.value === 'string' && value.value !== '' && looksSecret(value.name)) {
          yield violation(pod.resource, [...ref.path, ...path, 'value'], `${describeContainer(ref)} sets ${value.name} to a literal value; read it from a Secret with valueFrom.secretKeyRef`);
        }
      }
    }
  },
);
