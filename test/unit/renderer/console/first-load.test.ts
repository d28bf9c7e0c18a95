import { describe, expect, it } from 'vitest';
import { askEarly, takeEarly } from '../../../../renderer/console/lib/first-load.js';

const answer = (status: number) => new Response(status === 200 ? '{}' : '{"message":"no session"}', { status });

describe('the first load\'s early answers', () => {
  it('hands an early answer out once, and not when it is old', async () => {
    const asked: string[] = [];
    const ask = async (path: string) => {
      asked.push(path);
      return answer(200);
    };
    askEarly('/api/now', ask);
    const e = takeEarly('/api/now');
    expect((await e!.response).status).toBe(200);
    expect(takeEarly('/api/now')).toBeNull();
    askEarly('/api/station', ask);
    expect(takeEarly('/api/station', 10_000, Date.now() + 20_000)).toBeNull();
    expect(asked).toEqual(['/api/now', '/api/station']);
  });

  it('drops a refused answer (signed out), so the load after signing in asks afresh', async () => {
    // lib/api.ts's send rejects a 401 (and marks the console signed out).
    askEarly('/api/station', async () => Promise.reject(new Error(String(answer(401).status))));
    await new Promise((r) => setTimeout(r, 10));
    expect(takeEarly('/api/station')).toBeNull();
  });
});
