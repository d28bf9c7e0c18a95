// The radio's problems of the day on the console (as-run.ts): a radio page that went down and
// came back is one of them; a screen's recovery is not (it is no radio problem).
import { describe, expect, it } from 'vitest';
import { asRunProblem } from '../../../../../main/host/parts/console/as-run.js';

describe('asRunProblem', () => {
  it('lists a radio page recovery with why and how long it was down', () => {
    const ts = Date.UTC(2020, 7, 13, 0, 0);
    expect(asRunProblem({ ts, target: 'radio', event: 'radio-recovered', reason: 'hang', downMs: 6200, failures: 1, software: false, by: 'restart' }, 'Asia/Ho_Chi_Minh'))
      .toEqual({ at: '2020-08-13T07:00:00+07:00', event: 'radio-recovered', playlist: null, src: null, reason: 'hang, 6 s' });
    expect(asRunProblem({
      ts, target: 'screen:lobby', event: 'screen-recovered', screen: 'lobby', reason: 'hang', downMs: 6200, failures: 1, software: false, by: 'restart',
    }, 'Asia/Ho_Chi_Minh')).toBeNull();
  });
});
