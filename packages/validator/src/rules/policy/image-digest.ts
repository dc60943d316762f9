import { podRule, violation } from '../support/define.js';
import { containersOf, describeContainer } from '../support/pod.js';

export default podRule(
  {
    id: 'image-digest',
    category: 'policy',
    severity: 'warning',
    profile: 'policy',
    summary: 'Images are pinned by digest (@sha256:…), so a re-pushed tag cannot change what runs (organisation policy)',
  },
  function* (pod) {
    for (const ref of containersOf(pod)) {
      const image = ref.container.image;
      if (typeof image === 'string' && !image.includes('@')) {
        yield violation(pod.resource, [...ref.path, 'image'], `${describeContainer(ref)} image ${image} is not pinned by digest; a tag can be moved to other content, so use image@sha256:…`);
      }
    }
  },
);
