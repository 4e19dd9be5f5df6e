import { describe, expect, it } from 'vitest';
import { projectLink } from './project-link.ts';

describe('projectLink', () => {
  it("sets the project's id on the host page, keeping its own parameters", () => {
    expect(projectLink('p 1&x', 'https://shop.example/planner?room=1#top')).toBe(
      'https://shop.example/planner?room=1&planner-project=p+1%26x',
    );
  });

  it('replaces the id a link to another project had', () => {
    expect(projectLink('b', 'http://127.0.0.1:5173/?planner-project=a')).toBe(
      'http://127.0.0.1:5173/?planner-project=b',
    );
  });

  it.each([[''], ['javascript:alert(1)'], ['/planner'], ['data:text/html,x']])(
    'gives no link for the base %j',
    (base) => {
      expect(projectLink('p', base)).toBeNull();
    },
  );
});
