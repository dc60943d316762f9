import { resourceRule, violation } from '../support/define.js';
import { IGNORE_ALL, IGNORE_ANNOTATION, ignoreAnnotations } from '../suppression.js';

export default resourceRule(
  {
    id: 'ignore-annotation',
    category: 'meta',
    severity: 'warning',
    summary: `${IGNORE_ANNOTATION} annotations must name existing rules (a typo silently suppresses nothing)`,
  },
  function* (resource, context) {
    for (const annotation of ignoreAnnotations(resource)) {
      if (annotation.ruleIds.length === 0) {
        yield violation(resource, annotation.path, `${IGNORE_ANNOTATION} lists no rule ids; write "rule-a,rule-b; reason" or "${IGNORE_ALL}; reason"`);
      }
      for (const id of annotation.ruleIds) {
        if (id !== IGNORE_ALL && !context.ruleIds.has(id)) {
          yield violation(resource, annotation.path, `${IGNORE_ANNOTATION} names unknown rule "${id}" (see \`chartforge rules\`)`);
        }
      }
    }
  },
);
