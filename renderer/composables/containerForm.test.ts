// The wizard's container fields: published ports as "host:container" pairs, and the container part of the spec.
import { describe, expect, it } from 'vitest';
import { parsePorts, validateContainerForm } from './containerForm.ts';

describe('container form', () => {
  it('reads published ports and says what is wrong with them', () => {
    expect(parsePorts('')).toEqual([]);
    expect(parsePorts('8080:80, 8443:443')).toEqual([{ host: 8080, container: 80 }, { host: 8443, container: 443 }]);
    expect(parsePorts('8080')).toBe('"8080" is not host:container, e.g. 8080:80');
    expect(parsePorts('70000:80')).toBe('Ports are 1–65535 ("70000:80")');
    expect(parsePorts('8080:80, 8080:81')).toBe('Host port 8080 is given twice');
  });

  it('builds the container part of the spec', () => {
    expect(validateContainerForm({ image: 'nginx:1.27', ports: '8080:80', restartPolicy: 'always' })).toEqual({ spec: { image: 'nginx:1.27', ports: [{ host: 8080, container: 80 }], restartPolicy: 'always' }, errors: {} });
    expect(validateContainerForm({ image: 'nginx:1.27', ports: 'x', restartPolicy: 'no' }).errors).toEqual({ ports: '"x" is not host:container, e.g. 8080:80' });
    expect(validateContainerForm({ image: '', ports: '', restartPolicy: 'no' }).errors).toEqual({ image: 'Choose an image' });
  });
});
