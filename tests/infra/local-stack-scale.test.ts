import { parseScale } from '../../infra/local-stack/scale';

describe('how many of each app npm start runs', () => {
  it('runs one of each unless told otherwise', () => {
    expect(parseScale(undefined)).toEqual({ api: 1, worker: 1, notifier: 1 });
  });

  it('takes SCALE=api:2,worker:2,notifier:2 and flags, the flags last', () => {
    expect(parseScale('api:2,worker:2,notifier:2')).toEqual({ api: 2, worker: 2, notifier: 2 });
    expect(parseScale('worker:3', ['--api', '2', '--notifier=4'])).toEqual({ api: 2, worker: 3, notifier: 4 });
    expect(parseScale(undefined, ['--scale', 'api:3'])).toEqual({ api: 3, worker: 1, notifier: 1 });
  });

  it('refuses what it cannot run, naming the problem', () => {
    expect(() => parseScale('api:0')).toThrow(/api must be a whole number from 1 to 16/);
    expect(() => parseScale('web:2')).toThrow(/"web:2" is not app:count/);
    expect(() => parseScale(undefined, ['--workers', '2'])).toThrow(/unknown option --workers/);
  });
});
