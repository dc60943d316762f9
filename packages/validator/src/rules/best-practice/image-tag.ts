import { podRule, violation } from '../support/define.js';
import { containersOf, describeContainer } from '../support/pod.js';
import { isHelmTest } from '../support/resource-index.js';

/** The tag of an image reference, undefined when it has none; digests are reported separately. */
export function imageTag(image: string): { tag?: string; digest: boolean } {
  const digest = image.includes('@');
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port (registry:5000/app), not a tag.
  const tag = lastColon > lastSlash ? withoutDigest.slice(lastColon + 1) : undefined;
  return tag === undefined ? { digest } : { tag, digest };
}

export default podRule(
  {
    id: 'image-tag',
    category: 'best-practice',
    severity: 'error',
    summary: 'Images must be pinned by a tag other than latest, or by digest',
  },
  function* (pod) {
    // A `helm test` pod runs only on demand and serves nothing: a drifting image there breaks a
    // check, not the release, so it is a warning (helm create's test pod runs plain `busybox`).
    const atMost = isHelmTest(pod.resource) ? { atMost: 'warning' as const } : {};
    for (const ref of containersOf(pod)) {
      const image = ref.container.image;
      if (typeof image !== 'string') continue;
      const { tag, digest } = imageTag(image);
      if (digest) continue;
      if (tag === undefined) {
        yield { ...violation(pod.resource, [...ref.path, 'image'], `${describeContainer(ref)} image ${image} has no tag, so it pulls whatever "latest" is at the time; pin a version or digest`), ...atMost };
      } else if (tag === 'latest') {
        yield { ...violation(pod.resource, [...ref.path, 'image'], `${describeContainer(ref)} image ${image} uses the mutable tag "latest"; pin a version or digest`), ...atMost };
      }
    }
  },
);
